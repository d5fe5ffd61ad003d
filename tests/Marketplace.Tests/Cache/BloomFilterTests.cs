using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Tests.Cache;

/// <summary>The Redis bitmap bloom filter on its own, against the real Redis, under a key prefix of its own.</summary>
public sealed class BloomFilterTests : IAsyncDisposable
{
    private readonly string _prefix = $"test:bloom:{Guid.NewGuid():N}:";
    private readonly RedisConnection _redis;

    public BloomFilterTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestServices.Redis })
            .Build();
        _redis = new RedisConnection(configuration, Options.Create(new RedisOptions { KeyPrefix = _prefix }));
    }

    [Fact]
    public async Task A_full_filter_has_no_false_negatives_and_about_the_configured_false_positive_rate()
    {
        var shape = new BloomFilterShape(5_000, 0.02);
        var filter = new RedisBloomFilter("fp", shape, _redis);
        var members = Enumerable.Range(0, 5_000).Select(_ => Guid.NewGuid()).ToList();

        Assert.Equal(5_000, await filter.RebuildAsync(members.ToAsyncEnumerable(), TestContext.Current.CancellationToken));

        foreach (var id in members)
        {
            Assert.Equal(BloomAnswer.MaybePresent, await filter.MightContainAsync(id));
        }

        var falsePositives = 0;
        for (var i = 0; i < 10_000; i++)
        {
            if (await filter.MightContainAsync(Guid.NewGuid()) == BloomAnswer.MaybePresent)
            {
                falsePositives++;
            }
        }

        // Expected 200 (sd 14) at the configured 2 %.
        Assert.InRange(falsePositives / 10_000.0, 0.01, 0.035);
        Assert.InRange(shape.EstimatedFalsePositiveRate(filter.LastKnownCount), 0.015, 0.025);
    }

    [Fact]
    public async Task Without_a_complete_filter_in_Redis_nothing_is_rejected()
    {
        var filter = new RedisBloomFilter("unbuilt", new BloomFilterShape(1_000, 0.01), _redis);

        Assert.Equal(BloomAnswer.Unknown, await filter.MightContainAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task An_id_added_while_a_rebuild_runs_survives_the_swap()
    {
        var filter = new RedisBloomFilter("swap", new BloomFilterShape(10_000, 0.001), _redis);
        var scanned = Enumerable.Range(0, 1_000).Select(_ => Guid.NewGuid()).ToList();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async IAsyncEnumerable<Guid> SlowScan()
        {
            for (var i = 0; i < scanned.Count; i++)
            {
                if (i == scanned.Count / 2)
                {
                    halfway.TrySetResult();
                    await resume.Task;
                }

                yield return scanned[i];
            }
        }

        var rebuild = filter.RebuildAsync(SlowScan(), TestContext.Current.CancellationToken);
        await halfway.Task;
        // Created after the scan's snapshot: only the add can put it in the new bitmap.
        var created = Guid.NewGuid();
        await filter.AddAsync(created);
        resume.SetResult();
        Assert.Equal(scanned.Count, await rebuild);

        Assert.Equal(BloomAnswer.MaybePresent, await filter.MightContainAsync(created));
        Assert.All(await Task.WhenAll(scanned.Select(filter.MightContainAsync)), a => Assert.Equal(BloomAnswer.MaybePresent, a));
    }

    public async ValueTask DisposeAsync()
    {
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis))
        {
            await RedisKeyspace.DeleteAsync(redis, await RedisKeyspace.ScanAsync(redis, _prefix + "*"));
        }

        await _redis.DisposeAsync();
    }
}
