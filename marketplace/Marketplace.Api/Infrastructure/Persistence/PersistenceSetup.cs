using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Api.Infrastructure.Persistence;

public static class PersistenceSetup
{
    public static IServiceCollection AddMarketplacePersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        // Read when first resolved, after every configuration source (including test hosts') is in.
        services.AddSingleton(provider =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException(
                    "ConnectionStrings:Postgres is not set (environment ConnectionStrings__Postgres; see scripts/services.sh env).")
                : NpgsqlDataSource.Create(connectionString);
        });
        services.AddDbContext<MarketplaceDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
