using Marketplace.Api.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;

namespace FlashSale.Benchmarks;

/// <summary>The benchmark's own database on the shared PostgreSQL server, dropped at the end.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private BenchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string server)
    {
        var database = new BenchDatabase(server, $"marketplace_bench_{Guid.NewGuid():N}"[..32]);
        await database.MaintenanceAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>Buyers inserted with binary COPY and one pre-computed password hash (nobody logs in as them).</summary>
    public async Task<IReadOnlyList<User>> InsertBuyersAsync(int count)
    {
        var hash = new PasswordHasher<User>().HashPassword(new User(), "bench-password-1");
        var now = DateTimeOffset.UtcNow;
        var users = Enumerable.Range(0, count).Select(i => new User
        {
            Id = Guid.CreateVersion7(),
            Email = $"bench-{i}@example.test",
            NormalizedEmail = $"BENCH-{i}@EXAMPLE.TEST",
            DisplayName = $"Bench buyer {i}",
            PasswordHash = hash,
            Roles = [Roles.Buyer],
            CreatedAt = now,
        }).ToList();

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY users (id, email, normalized_email, display_name, password_hash, roles, created_at, version, security_stamp) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var user in users)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(user.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(user.Email, NpgsqlDbType.Varchar);
                await copy.WriteAsync(user.NormalizedEmail, NpgsqlDbType.Varchar);
                await copy.WriteAsync(user.DisplayName, NpgsqlDbType.Varchar);
                await copy.WriteAsync(user.PasswordHash, NpgsqlDbType.Text);
                await copy.WriteAsync(user.Roles.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(user.CreatedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(user.SecurityStamp, NpgsqlDbType.Uuid);
            }

            await copy.CompleteAsync();
        }

        return users;
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await MaintenanceAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task MaintenanceAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
