using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Api.Infrastructure.Persistence;

public static class PersistenceSetup
{
    public static IServiceCollection AddMarketplacePersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set (environment ConnectionStrings__Postgres; see scripts/services.sh env).");
        }

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDbContext<MarketplaceDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
