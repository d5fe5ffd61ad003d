using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Messaging;

/// <summary>The API on its own in-process Kafka mock cluster, giving a failing message 3 quick tries.</summary>
public sealed class DeadLetterApiFactory : MarketplaceApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Orders:TimeoutSweepInterval"] = "01:00:00",
        ["Orders:AutoCompleteSweepInterval"] = "01:00:00",
        ["Orders:PurchaseLockWait"] = "00:00:30",
        ["Kafka:MaxDeliveryAttempts"] = "3",
        ["Kafka:RetryBaseDelayMilliseconds"] = "20",
        ["Kafka:RetryMaxDelayMilliseconds"] = "100",
    };
}
