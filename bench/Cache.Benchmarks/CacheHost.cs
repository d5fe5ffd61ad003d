using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cache.Benchmarks;

/// <summary>
/// The API's own cache, persistence and Redis registrations in a plain service provider, for the
/// in-process latency benchmarks (no HTTP in the measured path).
/// </summary>
public sealed class CacheHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CacheHost(ServiceProvider provider) => _provider = provider;

    /// <summary>Set before BenchmarkDotNet runs; the benchmarks run in this process.</summary>
    public static CacheHost? Current { get; set; }

    public required Guid HotListing { get; init; }

    public IServiceProvider Services => _provider;

    public static CacheHost Create(string postgres, string redis, string keyPrefix, Guid hotListing)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis,
            ["Redis:KeyPrefix"] = keyPrefix,
            // Long enough that no entry expires logically or physically during the run.
            ["Cache:LogicalTtl"] = "01:00:00",
            ["Cache:PhysicalTtl"] = "02:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddMarketplacePersistence(configuration);
        services.AddMarketplaceRedis(configuration);
        services.AddMarketplaceKafka(configuration);
        services.AddMarketplaceCache(configuration);
        services.AddSingleton<ICacheRegion>(CatalogCache.Listings);
        return new CacheHost(services.BuildServiceProvider()) { HotListing = hotListing };
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
