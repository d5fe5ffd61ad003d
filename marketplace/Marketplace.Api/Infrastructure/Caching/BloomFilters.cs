using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>The bloom filter of every registered region, all sized from the same options.</summary>
public sealed class BloomFilters
{
    private readonly Dictionary<string, RedisBloomFilter> _filters;

    public BloomFilters(IEnumerable<ICacheRegion> regions, IOptions<CacheOptions> options, RedisConnection redis)
    {
        var shape = new BloomFilterShape(options.Value.BloomExpectedItems, options.Value.BloomFalsePositiveRate);
        _filters = regions.ToDictionary(r => r.Name, r => new RedisBloomFilter(r.Name, shape, redis), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<RedisBloomFilter> All => _filters.Values;

    public RedisBloomFilter For(string region) =>
        _filters.TryGetValue(region, out var filter)
            ? filter
            : throw new InvalidOperationException($"No cache region named {region} is registered.");
}
