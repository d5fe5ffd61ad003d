using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Api.Features.FlashSales;
using StackExchange.Redis;

namespace FlashSale.Benchmarks;

/// <summary>
/// The Redis limit: <c>redis-benchmark</c> calling the API's own gate script (loaded with SCRIPT
/// LOAD, called with EVALSHA, random buyer and reservation ids) against a sale with unbounded
/// stock, so every call takes the full reserve path.
/// </summary>
public static class RedisLuaBaseline
{
    public sealed record Result(double Rps, double? P50Ms, double? P99Ms, string Command);

    public static async Task<Result> RunAsync(string redisConnection, string keyPrefix, int requests, int clients)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var script = LuaScript.Prepare(FlashSaleGate.ReserveSource);
        var sha = Convert.ToHexStringLower((byte[])(await server.ScriptLoadAsync(script.ExecutableScript)));

        var keys = new FlashSaleKeys(Guid.NewGuid());
        string Key(RedisKey key) => keyPrefix + (string)key!;
        var db = redis.GetDatabase();
        await db.HashSetAsync(Key(keys.Sale), [
            new("starts", 0), new("ends", long.MaxValue / 2), new("stock", 1_000_000_000_000L), new("total", 1_000_000_000_000L),
            new("listing", Guid.NewGuid().ToString("N")), new("price", "9.99"), new("currency", "USD")]);

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sale"] = Key(keys.Sale),
            ["buyers"] = Key(keys.Buyers),
            ["reservations"] = Key(keys.Reservations),
            ["deadlines"] = Key(keys.Deadlines),
            ["user"] = "u__rand_int__",
            ["reservation"] = "r__rand_int__",
            // The gate stores the record without reading it; no commas or quotes keep the CSV simple.
            ["record"] = "bench-record-__rand_int__",
            ["now"] = now,
            ["deadline"] = now,
            // The buyer's account creation; the sale hash sets no minimum age, so any value passes.
            ["created"] = now,
        };
        // The prepared script reads every parameter from ARGV (keys go in KEYS too, for cluster
        // routing): line up each @name in the source with the ARGV[n] that replaced it.
        var names = Regex.Matches(FlashSaleGate.ReserveSource, @"@(\w+)").Select(m => m.Groups[1].Value).ToList();
        var slots = Regex.Matches(script.ExecutableScript, @"ARGV\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        if (names.Count != slots.Count)
        {
            throw new InvalidOperationException("Could not map the gate script's parameters to ARGV.");
        }

        var order = names.Zip(slots).DistinctBy(p => p.Second).OrderBy(p => p.Second).Select(p => p.First).ToList();
        var argv = order.Select(name => values[name]).ToList();
        var keyArgs = new[] { values["sale"], values["buyers"], values["reservations"], values["deadlines"] };

        var (host, port) = redisConnection.Split(':') is [var h, var p] ? (h, p) : (redisConnection, "6379");
        var info = new ProcessStartInfo("redis-benchmark") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", host, "-p", port, "-n", requests.ToString(CultureInfo.InvariantCulture),
                     "-c", clients.ToString(CultureInfo.InvariantCulture), "-r", "1000000000", "--csv", "EVALSHA", sha, "4" }
                 .Concat(keyArgs).Concat(argv))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        try
        {
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("redis-benchmark failed: " + await process.StandardError.ReadToEndAsync());
            }

            return Parse(output, $"redis-benchmark -n {requests} -c {clients} -r 1000000000 --csv EVALSHA <gate sha> 4 <keys> <args>");
        }
        finally
        {
            await db.KeyDeleteAsync([Key(keys.Sale), Key(keys.Buyers), Key(keys.Reservations), Key(keys.Deadlines)]);
        }
    }

    // CSV: a header line ("test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...)
    // then one line per test.
    private static Result Parse(string csv, string command)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.First(l => l.StartsWith("\"test\"", StringComparison.Ordinal)).Split(',').Select(c => c.Trim('"')).ToList();
        // The test name (the command line) comes first; the numbers are the last header.Count - 1 fields.
        var fields = lines.Last().Split(',');
        var numbers = fields[^(header.Count - 1)..].Select(c => c.Trim('"')).ToList();
        double? Column(string name) => header.IndexOf(name) is var i and >= 1
            ? double.Parse(numbers[i - 1], CultureInfo.InvariantCulture) : null;
        return new Result(Column("rps") ?? throw new FormatException("no rps in: " + csv), Column("p50_latency_ms"), Column("p99_latency_ms"), command);
    }
}
