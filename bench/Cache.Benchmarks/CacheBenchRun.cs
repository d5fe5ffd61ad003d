using System.Security.Cryptography;
using FlashSale.Benchmarks;
using Npgsql;
using Spectre.Console;
using StackExchange.Redis;

namespace Cache.Benchmarks;

/// <summary>
/// One run: a fresh database with a catalogue of listings, the listing endpoint measured with the
/// cache and then without it (two Release API processes, one after the other, same keys), then the
/// in-process latency benchmarks; the report states the machine and its load.
/// </summary>
public static class CacheBenchRun
{
    public static async Task<CacheBenchReport> RunAsync(CacheBenchSettings settings)
    {
        var machine = MachineInfo.Describe();
        var root = RepositoryRoot.Find();
        var apiAssembly = ApiAssembly.Find(root);
        var postgres = BenchServices.Postgres;
        var redis = BenchServices.Redis;
        var prefix = $"bench:{Guid.NewGuid():N}:";
        await using var database = await BenchDatabase.CreateAsync(postgres);
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__Redis"] = redis,
                ["Redis__KeyPrefix"] = prefix,
                ["Jwt__SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
                ["Admin__Email"] = BenchServices.AdminEmail,
                ["Admin__Password"] = BenchServices.AdminPassword,
                // Development: the run uses the in-memory Kafka and no payment gateway, development defaults that
                // Production refuses at start-up (see the marketplace README, "Production").
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Logging__LogLevel__Default"] = "Warning",
                // Nothing expires during a phase: the phases compare serving from the cache with not caching.
                ["Cache__LogicalTtl"] = "01:00:00",
                ["Cache__PhysicalTtl"] = "02:00:00",
            };
            // Warm-up and measured phase draw from the same distribution with different seeds: the
            // measured phase sees a steady-state cache (hot keys in, a tail of first reads still missing).
            var warmupKeys = ZipfKeys.Draw(settings.Listings, settings.ZipfExponent, Math.Max(1, settings.WarmupRequests), seed: 1);
            var keys = ZipfKeys.Draw(settings.Listings, settings.ZipfExponent, settings.Requests, seed: 20261201);

            IReadOnlyList<Guid> listings;
            PhaseResult cached;
            PhaseResult floor;
            double hitRatio;
            await using (var api = await StartAsync(apiAssembly, environment, cacheEnabled: true))
            {
                listings = await SeedAsync(database, settings.Listings);
                await ThroughputRun.RebuildBloomAsync(api, BenchServices.AdminEmail, BenchServices.AdminPassword);
                (cached, hitRatio) = await ThroughputRun.MeasureAsync("cached", api, listings, warmupKeys, keys, settings);
                floor = await ThroughputRun.MeasureFloorAsync(api, settings);
            }

            PhaseResult uncached;
            await using (var api = await StartAsync(apiAssembly, environment, cacheEnabled: false))
            {
                (uncached, _) = await ThroughputRun.MeasureAsync("uncached", api, listings, warmupKeys, keys, settings);
            }

            AnsiConsole.MarkupLine("[grey]latency: BenchmarkDotNet, in-process...[/]");
            // The most read key of the Zipf sequence.
            await using (CacheHost.Current = CacheHost.Create(database.ConnectionString, redis, prefix, listings[0]))
            {
                var latency = LatencyRun.Run();
                return new CacheBenchReport(machine, settings,
                    latency[nameof(ReadLatencyBenchmarks.L1Hit)], latency[nameof(ReadLatencyBenchmarks.L2Hit)],
                    latency[nameof(ReadLatencyBenchmarks.DatabaseRead)], cached, uncached, floor, hitRatio, DateTimeOffset.UtcNow);
            }
        }
        finally
        {
            CacheHost.Current = null;
            await DeleteKeysAsync(redis, prefix);
        }
    }

    private static async Task<ApiProcess> StartAsync(string apiAssembly, Dictionary<string, string> environment, bool cacheEnabled)
    {
        var mode = cacheEnabled ? "cached" : "uncached";
        var logPath = Path.Combine(Path.GetTempPath(), $"cache-bench-api-{mode}-{DateTime.UtcNow:yyyyMMddHHmmss}.log");
        AnsiConsole.MarkupLine($"[grey]API ({mode}) log: {logPath.EscapeMarkup()}[/]");
        return await ApiProcess.StartAsync(apiAssembly,
            new Dictionary<string, string>(environment) { ["Cache__Enabled"] = cacheEnabled ? "true" : "false" }, logPath);
    }

    /// <summary>One seller and the catalogue, inserted in one statement; ids in insertion order.</summary>
    private static async Task<IReadOnlyList<Guid>> SeedAsync(BenchDatabase database, int count)
    {
        var seller = (await database.InsertBuyersAsync(1))[0];
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO listings (id, seller_id, title, kind, game, description, stock, status, created_at, updated_at, version, price_amount, price_currency)
            SELECT gen_random_uuid(), @seller, 'Listing ' || n, 'item', 'Bench Game', repeat('A fine thing. ', 20), 100, 'ACTIVE', now(), now(), 1, 19.99, 'USD'
            FROM generate_series(1, @count) AS n ORDER BY n
            RETURNING id
            """, connection);
        insert.Parameters.AddWithValue("seller", seller.Id);
        insert.Parameters.AddWithValue("count", count);
        var ids = new List<Guid>(count);
        await using var reader = await insert.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task DeleteKeysAsync(string redis, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var server = connection.GetServers()[0];
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await connection.GetDatabase().KeyDeleteAsync([.. keys]);
        }
    }
}
