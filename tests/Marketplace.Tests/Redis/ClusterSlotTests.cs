using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Redis;

/// <summary>
/// Keys that one script or one multi-key command touches together must share a Redis Cluster slot (a cluster refuses
/// the command otherwise). Checked on the key builders, with and without the deployment's key prefix.
/// </summary>
public sealed class ClusterSlotTests
{
    private static readonly string[] Prefixes = ["", "marketplace:", "test:0123456789ab:"];

    [Fact]
    public void The_slot_function_matches_redis_cluster()
    {
        // Values from the Redis Cluster specification and `redis-cli CLUSTER KEYSLOT`.
        Assert.Equal(12182, ClusterSlot.Of("foo"));
        Assert.Equal(5061, ClusterSlot.Of("bar"));
        Assert.Equal(ClusterSlot.Of("{user1000}.following"), ClusterSlot.Of("{user1000}.followers"));
        Assert.Equal(ClusterSlot.Of("bar"), ClusterSlot.Of("foo{bar}{zap}"));
        // An empty first tag hashes the whole key.
        Assert.NotEqual(ClusterSlot.Of("foo{}{bar}"), ClusterSlot.Of("foo{}{bar}x"));
    }

    [Fact]
    public void A_sales_keys_share_a_slot()
    {
        var keys = new FlashSaleKeys(Guid.NewGuid());
        AssertOneSlot(keys.Sale!, keys.Buyers!, keys.Reservations!, keys.Deadlines!);
    }

    [Fact]
    public void A_bloom_filters_keys_share_a_slot_and_regions_spread()
    {
        var shape = new BloomFilterShape(10_000, 0.01);
        var listing = new RedisBloomFilter("listing", shape, Connection());
        var reviews = new RedisBloomFilter("listing-reviews", shape, Connection());
        AssertOneSlot([.. listing.Keys.Select(k => (string)k!)]);
        AssertOneSlot([.. reviews.Keys.Select(k => (string)k!)]);
        Assert.NotEqual(ClusterSlot.Of(listing.Keys[0]!), ClusterSlot.Of(reviews.Keys[0]!));
    }

    [Fact]
    public void An_accounts_sign_in_keys_share_a_slot()
    {
        AssertOneSlot(SignInLockout.FailuresKey("buyer@example.com")!, SignInLockout.LockKey("buyer@example.com")!);
        Assert.NotEqual(ClusterSlot.Of(SignInLockout.FailuresKey("a@example.com")!), ClusterSlot.Of(SignInLockout.FailuresKey("b@example.com")!));
    }

    [Theory]
    [InlineData("x{y}:")]
    [InlineData("a{b:")]
    [InlineData("c}:")]
    public void A_key_prefix_with_a_brace_is_refused(string prefix)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Connection(prefix));
        Assert.Contains("must not contain", error.Message, StringComparison.Ordinal);
    }

    private static RedisConnection Connection(string prefix = "test:")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" })
            .Build();
        return new RedisConnection(configuration, Options.Create(new RedisOptions { KeyPrefix = prefix }));
    }

    private static void AssertOneSlot(params string[] keys)
    {
        foreach (var prefix in Prefixes)
        {
            var slots = keys.Select(k => ClusterSlot.Of(prefix + k)).Distinct().ToArray();
            Assert.True(slots.Length == 1, $"with prefix '{prefix}', {string.Join(", ", keys)} fall in slots {string.Join(", ", slots)}");
        }
    }
}
