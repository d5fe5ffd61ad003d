using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.RateLimiting;

public sealed class RateLimitConfigurationTests
{
    [Theory]
    [InlineData("RateLimiting:PurchasePerBuyer:PermitLimit", "0", "purchase-buyer")]
    [InlineData("RateLimiting:SignInPerAddress:Window", "00:00:00", "sign-in-address")]
    [InlineData("RateLimiting:LockoutFailures", "0", "LockoutFailures")]
    [InlineData("RateLimiting:KnownProxies:0", "not-an-address", "KnownProxies")]
    public async Task An_invalid_limit_stops_start_up_naming_it(string key, string value, string named)
    {
        var failure = await MisconfiguredStart.FailureAsync(key, value);

        Assert.Contains(failure.Failures, message => message.Contains(named, StringComparison.Ordinal));
    }
}
