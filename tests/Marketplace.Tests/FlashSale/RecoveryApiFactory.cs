using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// The API on a private Redis (AOF) the test restarts, a Kafka mock cluster the test owns, and a
/// produce path the test can make fail. Reservations time out after 1 s and a sale's leftovers are
/// released 1 s after it ends, so recovery runs in seconds.
/// </summary>
public sealed class RecoveryApiFactory : MarketplaceApiFactory
{
    public PrivateRedisServer Redis { get; } = new();

    public MockKafkaCluster Kafka { get; } = new();

    protected override string RedisConnectionString => Redis.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Kafka:BootstrapServers"] = Kafka.BootstrapServers,
        ["FlashSales:ReservationTimeoutSeconds"] = "1",
        ["FlashSales:ReleaseGraceSeconds"] = "1",
        ["FlashSales:ReconcileIntervalMilliseconds"] = "250",
        ["Orders:PurchaseLockWait"] = "00:00:30",
    };

    public FaultSwitchPublisher Faults => Services.GetRequiredService<FaultSwitchPublisher>();

    public OrderRequestedConsumer Consumer => Services.GetRequiredService<OrderRequestedConsumer>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<KafkaOrderRequestPublisher>();
            services.AddSingleton(provider => new FaultSwitchPublisher(provider.GetRequiredService<KafkaOrderRequestPublisher>()));
            services.AddSingleton<IOrderRequestPublisher>(provider => provider.GetRequiredService<FaultSwitchPublisher>());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Redis.Dispose();
        Kafka.Dispose();
    }
}
