using BenchmarkDotNet.Attributes;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Cache.Benchmarks;

/// <summary>
/// One listing read three ways: an L1 hit through the read path the endpoint uses; what an L1 miss
/// that hits L2 costs (the bloom check, then the Redis read and deserialisation); and the
/// PostgreSQL load the cache saves (a fresh DbContext, as a request gets).
/// </summary>
[MemoryDiagnoser]
public class ReadLatencyBenchmarks
{
    private static readonly FusionCacheEntryOptions L2Only = new() { SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };

    private CacheHost _host = null!;
    private ReadThroughCache _cache = null!;
    private IFusionCache _fusion = null!;
    private RedisBloomFilter _bloom = null!;
    private IServiceScope _scope = null!;
    private MarketplaceDbContext _db = null!;
    private Guid _id;
    private string _key = "";

    [GlobalSetup]
    public void Setup()
    {
        _host = CacheHost.Current ?? throw new InvalidOperationException("CacheHost.Current is not set.");
        _cache = _host.Services.GetRequiredService<ReadThroughCache>();
        _fusion = _host.Services.GetRequiredService<IFusionCache>();
        _bloom = _host.Services.GetRequiredService<BloomFilters>().For(CatalogCache.Listings.Name);
        _scope = _host.Services.CreateScope();
        _db = _scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        _id = _host.HotListing;
        _key = CatalogCache.Listings.KeyFor(_id);
        // Loads it once: now in L1 and L2.
        if (_cache.GetAsync(CatalogCache.Listings, _id, CancellationToken.None).AsTask().GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException("The hot listing is not readable.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _scope.Dispose();

    [Benchmark(Description = "L1 hit")]
    public ValueTask<ListingResponse?> L1Hit() => _cache.GetAsync(CatalogCache.Listings, _id, CancellationToken.None);

    [Benchmark(Description = "L2 hit")]
    public async Task<CacheEntry<ListingResponse>?> L2Hit()
    {
        if (await _bloom.MightContainAsync(_id) == BloomAnswer.Absent)
        {
            throw new InvalidOperationException("The bloom filter rejected the hot listing.");
        }

        return await _fusion.GetOrDefaultAsync<CacheEntry<ListingResponse>>(_key, null, L2Only);
    }

    [Benchmark(Description = "database read")]
    public async Task<ListingResponse?> DatabaseRead()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await CatalogCache.Listings.LoadAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), _id, CancellationToken.None);
    }
}
