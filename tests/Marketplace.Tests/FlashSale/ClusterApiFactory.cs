namespace Marketplace.Tests.FlashSale;

/// <summary>
/// The API on a private Redis Cluster (<see cref="PrivateRedisCluster"/>) and a Kafka mock cluster of its own, with
/// reservations that time out in 2 s and a reconciler that runs every 250 ms, so a failover settles in seconds.
/// </summary>
public sealed class ClusterApiFactory : Infrastructure.MarketplaceApiFactory
{
    public PrivateRedisCluster Cluster { get; } = new();

    public MockKafkaCluster Kafka { get; } = new();

    protected override string RedisConnectionString => Cluster.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Kafka:BootstrapServers"] = Kafka.BootstrapServers,
        ["FlashSales:ReservationTimeoutSeconds"] = "2",
        ["FlashSales:ReleaseGraceSeconds"] = "1",
        ["FlashSales:ReconcileIntervalMilliseconds"] = "250",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Cluster.Dispose();
        Kafka.Dispose();
    }
}
