using System.Net;
using System.Net.Sockets;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Messaging;

/// <summary>The API with Redis unreachable for good and a cache repair allowed two tries.</summary>
public sealed class UnreachableRedisRepairFactory : MarketplaceApiFactory
{
    private static readonly int DeadPort = FreePort();

    protected override string RedisConnectionString => $"127.0.0.1:{DeadPort}";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Cache:RepairMaxAttempts"] = "2",
        ["Cache:RepairInitialBackoff"] = "00:00:00.050",
        ["Cache:RepairMaxBackoff"] = "00:00:00.100",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A cache repair that cannot succeed stops being re-queued at its bound and is dead-lettered with its count.</summary>
public sealed class CacheRepairDeadLetterTests(UnreachableRedisRepairFactory api) : IClassFixture<UnreachableRedisRepairFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cache_repair_that_keeps_failing_is_dead_lettered_after_its_bound_instead_of_being_requeued_forever()
    {
        var id = Guid.NewGuid();
        await api.Services.GetRequiredService<CacheRepairPublisher>()
            .PublishAsync(new CacheRepair(CacheRepair.Evict, "listing", id, 1, DateTimeOffset.UtcNow), Ct);

        var row = new NpgsqlParameter("key", $"listing:{id:N}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await api.ScalarAsync("SELECT count(*) FROM dead_letters WHERE key = @key", row.Clone()) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the repair was not dead-lettered");
            await Task.Delay(100, Ct);
        }

        Assert.Equal(2, await api.ScalarAsync("SELECT attempts FROM dead_letters WHERE key = @key AND topic = 'cache.repair'", row.Clone()));
        Assert.Equal(1, await api.ScalarAsync(
            "SELECT count(*) FROM dead_letters WHERE key = @key AND error LIKE 'cache repair failed 2 times%'", row.Clone()));
        // Nothing is re-queued after it: a third try never happens.
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM dead_letters WHERE key = @key", row.Clone()));
    }
}
