namespace Marketplace.Api.Infrastructure.Locking;

public static class LockingSetup
{
    public static IServiceCollection AddMarketplaceLocking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LockingOptions>()
            .Bind(configuration.GetSection(LockingOptions.Section))
            .Validate(o => o.LeaseTime >= TimeSpan.FromMilliseconds(30), "Locking:LeaseTime must be at least 30 ms.")
            .ValidateOnStart();
        services.AddSingleton<RedisLockFactory>();
        return services;
    }
}
