using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Orders;

/// <summary>Bad order or lock settings stop the API at start-up, naming the setting.</summary>
public sealed class OrdersConfigurationTests
{
    [Theory]
    [InlineData("Orders:PaymentTimeout", "00:00:00", "Orders:PaymentTimeout")]
    [InlineData("Orders:TimeoutSweepInterval", "-00:00:01", "Orders:TimeoutSweepInterval")]
    [InlineData("Orders:TimeoutBatchSize", "0", "Orders:TimeoutBatchSize")]
    [InlineData("Orders:StockUpdateAttempts", "0", "Orders:StockUpdateAttempts")]
    [InlineData("Orders:MaxUnpaidUnitsPerListing", "0", "Orders:MaxUnpaidUnitsPerListing")]
    [InlineData("Locking:LeaseTime", "00:00:00.001", "Locking:LeaseTime")]
    public async Task Invalid_setting_fails_start_up_naming_it(string key, string value, string named)
    {
        var error = await MisconfiguredStart.FailureAsync(key, value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
