using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// The API with its own in-process Kafka (librdkafka's mock cluster, since no
/// Kafka:BootstrapServers is set), its consumer and a fast reconciler.
/// </summary>
public class FlashSaleApiFactory : MarketplaceApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["FlashSales:ReconcileIntervalMilliseconds"] = "500",
        // A short per-user lock wait would turn a buyer's own concurrent requests into lock refusals.
        ["Orders:PurchaseLockWait"] = "00:00:30",
        ["Logging:LogLevel:Marketplace.Api.Infrastructure.Messaging"] = "Information",
    };
}
