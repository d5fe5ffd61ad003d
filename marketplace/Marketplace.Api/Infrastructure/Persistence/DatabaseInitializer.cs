using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Persistence;

/// <summary>
/// Runs before the server accepts requests: migrations (when enabled), so the first request sees a ready schema.
/// Register it before any hosted service that needs the schema at start (hosted services start in order).
/// </summary>
public sealed class DatabaseInitializer(DatabaseMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
