using Npgsql;
using StackExchange.Redis;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// One platform's own PostgreSQL database (created before the marketplace starts, dropped at the end) and Redis key
/// prefix (its keys deleted at the end), so platforms of parallel test classes never see each other's data.
/// </summary>
internal sealed class PlatformStores : IAsyncDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];

    public string DatabaseName => $"e2e_{_id}";

    public string KeyPrefix => $"e2e:{_id}:";

    public string Postgres => SharedServices.PostgresFor(DatabaseName);

    public async Task CreateAsync()
    {
        await using var connection = SharedServices.OpenMaintenance();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> row, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = SharedServices.OpenMaintenance())
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(SharedServices.Redis);
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: KeyPrefix + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await redis.GetDatabase().KeyDeleteAsync([.. keys]);
        }
    }
}
