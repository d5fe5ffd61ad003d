namespace Marketplace.Api.Infrastructure.Caching;

public static class CacheSetup
{
    /// <summary>The read cache; regions are registered by the features (as <see cref="ICacheRegion"/>).</summary>
    public static IServiceCollection AddMarketplaceCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>()
            .Bind(configuration.GetSection(CacheOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(FusionCacheFactory.Create);
        services.AddSingleton<JitteredTtl>();
        services.AddSingleton<BloomFilters>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<LogicalRefresher>();
        services.AddSingleton<CacheRepairPublisher>();
        services.AddSingleton<ReadThroughCache>();
        services.AddSingleton<BloomFilterRebuilder>();
        services.AddSingleton<CacheRepairConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<BloomFilterRebuilder>());
        services.AddHostedService(provider => provider.GetRequiredService<CacheRepairConsumer>());
        return services;
    }
}
