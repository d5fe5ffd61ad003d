using Marketplace.Api.Features.Accounts;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Persistence;

/// <summary>
/// Runs before the server accepts requests: migrations (when enabled), then the admin seed, so the
/// first request sees a ready schema and an admin.
/// </summary>
public sealed class DatabaseInitializer(
    DatabaseMigrator migrator, AdminSeeder seeder, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        await seeder.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
