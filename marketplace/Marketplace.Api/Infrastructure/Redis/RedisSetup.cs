namespace Marketplace.Api.Infrastructure.Redis;

public static class RedisSetup
{
    public static IServiceCollection AddMarketplaceRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.Section))
            .Validate(o => o.TimeoutMilliseconds > 0, "Redis:TimeoutMilliseconds must be positive.")
            .ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        return services;
    }
}
