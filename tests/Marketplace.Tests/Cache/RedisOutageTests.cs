using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Marketplace.Tests.Cache;

/// <summary>The API on a Redis of the test's own (AOF, so a restart brings the stale entry back) and a Kafka the test owns.</summary>
public sealed class PrivateRedisCacheApiFactory : CacheApiFactory
{
    public PrivateRedisServer Redis { get; } = new();

    public MockKafkaCluster Kafka { get; } = new();

    protected override string RedisConnectionString => Redis.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Kafka:BootstrapServers"] = Kafka.BootstrapServers,
        ["Cache:RepairInitialBackoff"] = "00:00:00.200",
        ["Cache:RepairMaxBackoff"] = "00:00:01",
        ["Cache:LogicalTtl"] = "00:05:00",
        ["Cache:PhysicalTtl"] = "00:30:00",
    };

    public CacheRepairConsumer Repairs => Services.GetRequiredService<CacheRepairConsumer>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Redis.Dispose();
        Kafka.Dispose();
    }
}

public sealed class RedisOutageTests(PrivateRedisCacheApiFactory api) : IClassFixture<PrivateRedisCacheApiFactory>
{
    [Fact]
    public async Task A_delete_that_failed_while_Redis_was_down_is_retried_and_the_next_read_is_new()
    {
        var seller = await api.NewSellerAsync();
        var created = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(title: "old"));
        var client = api.CreateClient();
        Assert.Equal("old", (await client.GetListingAsync(created.Id)).Title);
        Assert.True(await L2HoldsAsync(created.Id), "the read did not put the listing in L2");

        api.Redis.Shutdown();
        var update = await seller.Client.PutAsJsonAsync($"/api/listings/{created.Id}",
            CatalogApi.WithVersion(CatalogApi.ListingBody(title: "new"), created.Version), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        api.Redis.Start();

        // The AOF brought the stale entry back; the retry from Kafka deletes it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await L2HoldsAsync(created.Id) || api.Repairs.Succeeded == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(api.Repairs.Succeeded >= 1, "no retried delete succeeded");
        Assert.False(await L2HoldsAsync(created.Id), "the stale entry is still in L2");
        Assert.Equal("new", (await client.GetListingAsync(created.Id)).Title);
    }

    private async Task<bool> L2HoldsAsync(Guid id)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(api.Redis.ConnectionString + ",abortConnect=false,connectTimeout=1000");
        if (!redis.IsConnected)
        {
            return false;
        }

        try
        {
            return (await RedisKeyspace.ScanAsync(redis, $"{api.KeyPrefix}cache:*listing:{id:N}")).Count > 0;
        }
        catch (RedisException)
        {
            // Still loading its AOF: cannot tell yet.
            return true;
        }
    }
}
