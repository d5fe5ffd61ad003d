using System.Globalization;
using Marketplace.Tests.Infrastructure;
using StackExchange.Redis;

namespace Marketplace.Tests.Cache;

/// <summary>Physical TTL 10 min plus a random 0–5 min.</summary>
public sealed class WideJitterApiFactory() : CacheApiFactory(new Dictionary<string, string?>
{
    ["Cache:PhysicalTtl"] = "00:10:00",
    ["Cache:JitterMin"] = "00:00:00",
    ["Cache:JitterMax"] = "00:05:00",
});

[Collection(CacheLoadCollection.Name)]
public sealed class JitterTests(WideJitterApiFactory api) : IClassFixture<WideJitterApiFactory>
{
    [Fact]
    public async Task A_thousand_entries_written_together_expire_spread_over_the_jitter_range()
    {
        var seller = await api.NewSellerAsync();
        var ids = await api.InsertListingsAsync(seller.Id, 1000);
        await api.RebuildBloomFiltersAsync();
        var client = api.CreateClient();

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
            await client.GetListingAsync(id));

        // L2 is Redis: read each entry's remaining lifetime there.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var db = redis.GetDatabase();
        var wanted = ids.Select(id => "listing:" + id.ToString("N")).ToHashSet();
        var ttls = new List<double>();
        foreach (var key in await api.RedisKeysAsync())
        {
            var suffix = key.Split(':').TakeLast(2);
            if (wanted.Contains(string.Join(':', suffix)) && await db.KeyTimeToLiveAsync(key) is { } ttl)
            {
                ttls.Add(ttl.TotalSeconds);
            }
        }

        Assert.True(ttls.Count == 1000, $"{ttls.Count} of 1000 in L2; keys like {string.Join(", ", (await api.RedisKeysAsync()).Take(5))}");
        var (low, high) = (600.0, 900.0);
        // Seconds passed between the writes and these reads only shorten the TTLs.
        Assert.All(ttls, t => Assert.InRange(t, low - 120, high));
        Assert.True(ttls.Max() - ttls.Min() > 0.8 * (high - low),
            $"TTLs span {ttls.Min().ToString("F0", CultureInfo.InvariantCulture)}–{ttls.Max().ToString("F0", CultureInfo.InvariantCulture)} s, not the 600–900 s range");
        var buckets = ttls.GroupBy(t => (int)Math.Clamp((t - low) / 30, 0, 9)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, buckets.Count);
        Assert.All(buckets.Values, n => Assert.InRange(n, 40, 200));
    }
}
