using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Marketplace.Tests.Cache;

/// <summary>
/// The API with its cache against the real PostgreSQL and Redis, a listings-query counter at the
/// database layer, and cache settings a test picks (short logical TTL, wide jitter...).
/// </summary>
public class CacheApiFactory : MarketplaceApiFactory
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public CacheApiFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    protected CacheApiFactory(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    /// <summary>Another instance of <paramref name="primary"/>'s deployment: same database, same Redis keys.</summary>
    protected CacheApiFactory(CacheApiFactory primary)
        : base(primary) => _settings = primary._settings;

    public ListingQueryCounter ListingQueries { get; } = new();

    public IFusionCache Fusion => Services.GetRequiredService<IFusionCache>();

    // Thousands of reads on a shared 2-core machine: a 1 s Redis timeout would turn a slow answer into
    // a bloom check passed through or an L2 write dropped, and the tests count exactly those.
    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?>(_settings) { ["Redis:TimeoutMilliseconds"] = "5000" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<MarketplaceDbContext>((_, options) => options.AddInterceptors(ListingQueries)));
    }

    /// <summary>A second host of the same deployment, started.</summary>
    public async Task<CacheApiFactory> StartPeerAsync()
    {
        var peer = new PeerFactory(this);
        await peer.InitializeAsync();
        return peer;
    }

    private sealed class PeerFactory(CacheApiFactory primary) : CacheApiFactory(primary);
}
