using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Api.Infrastructure.Persistence;

/// <summary>
/// Applies the checked-in migrations; used at start-up and by the <c>migrate</c> command. Instances that start together
/// on a fresh server take turns: the database is created by whichever gets there first (the others' "already exists"
/// is success), and the migrations run under a PostgreSQL advisory lock, so the second instance finds nothing pending
/// instead of running the same DDL again.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseMigrator> logger)
{
    // pg_advisory_lock's key for "marketplace migrations": any constant no other code of this database uses.
    private const long MigrationLockKey = 0x6D_6B_74_6D_69_67_72; // "mktmigr"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        // The configured string, not the context's: an opened connection's string no longer holds the password.
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set");
        await EnsureDatabaseAsync(connectionString, cancellationToken);

        // A session-level lock on a connection of its own: released by the unlock below, or by PostgreSQL when a
        // crashed instance's connection drops.
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(logger);
                return;
            }

            await db.Database.MigrateAsync(cancellationToken);
            LogApplied(logger, pending.Count, string.Join(", ", pending));
        }
        finally
        {
            await ExecuteAsync(lockConnection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    /// <summary>Creates the database when it is missing; another instance creating it at the same moment is success.</summary>
    private async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Missing: create it from the maintenance database below.
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database!;
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogCreatedDatabase(logger, name);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it between the probe and here.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date")]
    private static partial void LogUpToDate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreatedDatabase(ILogger logger, string database);
}
