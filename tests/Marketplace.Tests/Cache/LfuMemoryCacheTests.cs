using Marketplace.Api.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Tests.Cache;

public sealed class LfuMemoryCacheTests
{
    [Fact]
    public async Task A_burst_of_keys_read_once_does_not_push_out_the_frequently_read_ones()
    {
        using var cache = new LfuMemoryCache(100, TimeProvider.System);
        var hot = Enumerable.Range(0, 50).Select(i => $"hot:{i}").ToList();
        foreach (var key in hot)
        {
            cache.Set(key, key);
        }

        for (var round = 0; round < 20; round++)
        {
            foreach (var key in hot)
            {
                Assert.True(cache.TryGetValue(key, out _));
            }

            // Reads are counted when the cache's maintenance drains its read buffers.
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        for (var i = 0; i < 2_000; i++)
        {
            cache.Set($"cold:{i}", i);
        }

        // Eviction runs in the cache's background maintenance.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cache.Count > 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.InRange(cache.Count, 1, 100);
        Assert.True(hot.Count(key => cache.TryGetValue(key, out _)) >= 45, "the scan evicted the hot keys");
    }

    [Fact]
    public void An_entry_is_not_served_past_its_absolute_expiration_and_can_be_removed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var cache = new LfuMemoryCache(100, time);
        cache.Set("short", "v", TimeSpan.FromMinutes(1));
        cache.Set("long", "w", new MemoryCacheEntryOptions { AbsoluteExpiration = time.GetUtcNow().AddHours(1) });
        cache.Set("gone", "x");

        time.Advance(TimeSpan.FromMinutes(2));
        cache.Remove("gone");

        Assert.False(cache.TryGetValue("short", out _));
        Assert.True(cache.TryGetValue("long", out var value));
        Assert.Equal("w", value);
        Assert.False(cache.TryGetValue("gone", out _));
    }
}
