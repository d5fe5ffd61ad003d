using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Errors;

/// <summary>The retry bounds and back-offs of the background work are validated at start-up like every other setting.</summary>
public sealed class RetryBoundsConfigurationTests
{
    [Theory]
    [InlineData("Payments:RefundMaxAttempts", "0", "RefundMaxAttempts")]
    [InlineData("Payments:RefundRetryBaseDelay", "00:00:00", "RefundRetryBaseDelay")]
    [InlineData("Payments:RefundRetryMaxDelay", "00:00:00.020", "Payments:RefundRetryMaxDelay")]
    [InlineData("Kafka:MaxDeliveryAttempts", "0", "MaxDeliveryAttempts")]
    [InlineData("Kafka:RetryBaseDelayMilliseconds", "0", "RetryBaseDelayMilliseconds")]
    [InlineData("Kafka:RetryMaxDelayMilliseconds", "50", "Kafka:RetryMaxDelayMilliseconds")]
    // 100 tries of up to 5 s each wait past librdkafka's 300 s poll limit: the message would never be dead-lettered.
    [InlineData("Kafka:MaxDeliveryAttempts", "100", "Kafka:MaxDeliveryAttempts 100")]
    [InlineData("Cache:RepairMaxAttempts", "0", "RepairMaxAttempts")]
    [InlineData("Reviews:MaxMalformedVerdicts", "0", "MaxMalformedVerdicts")]
    public async Task An_invalid_retry_setting_fails_start_up_naming_it(string key, string value, string named)
    {
        var error = await MisconfiguredStart.FailureAsync(key, value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
