using System.CommandLine;
using FlashSale.Benchmarks;
using Spectre.Console;

// Load generator for the flash-sale hot path; see bench/results/flash-sale.md for what it measures.
if (ServedApi.TryRun(args) is { } apiExitCode)
{
    return apiExitCode;
}

var buyers = new Option<int>("--buyers") { Description = "Distinct buyers, one purchase each.", DefaultValueFactory = _ => 12_000 };
var stock = new Option<int>("--stock") { Description = "Units in the measured sale.", DefaultValueFactory = _ => 1_200 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent HTTP workers.", DefaultValueFactory = _ => 64 };
var trivial = new Option<int>("--trivial-requests") { Description = "Requests to the HTTP floor endpoint.", DefaultValueFactory = _ => 12_000 };
var naive = new Option<int>("--naive-requests") { Description = "Purchases in the naive PostgreSQL baseline.", DefaultValueFactory = _ => 3_000 };
var redisRequests = new Option<int>("--redis-requests") { Description = "redis-benchmark calls of the gate script.", DefaultValueFactory = _ => 100_000 };
var redisClients = new Option<int>("--redis-clients") { Description = "redis-benchmark connections.", DefaultValueFactory = _ => 50 };
var limit = new Option<int>("--phase-seconds") { Description = "Time limit of each load phase.", DefaultValueFactory = _ => 30 };
var output = new Option<string>("--out") { Description = "Results folder.", DefaultValueFactory = _ => RepositoryRoot.Results() };

var root = new RootCommand("Flash-sale load generator: purchase endpoint vs HTTP floor, Redis limit and a naive PostgreSQL baseline.")
{
    buyers, stock, concurrency, trivial, naive, redisRequests, redisClients, limit, output,
};
root.SetAction(async (parsed, _) =>
{
    var settings = new BenchSettings(
        parsed.GetValue(buyers), parsed.GetValue(stock), parsed.GetValue(concurrency), parsed.GetValue(trivial),
        parsed.GetValue(naive), parsed.GetValue(redisRequests), parsed.GetValue(redisClients),
        TimeSpan.FromSeconds(parsed.GetValue(limit)), parsed.GetValue(output)!);
    if (settings.Buyers < 1 || settings.Stock < 1 || settings.Stock > settings.Buyers || settings.Concurrency < 1)
    {
        await Console.Error.WriteLineAsync("flash-sale bench: need 1 <= stock <= buyers and concurrency >= 1");
        return 2;
    }

    try
    {
        var report = await BenchmarkRun.RunAsync(settings);
        ReportWriter.Write(report, settings.ResultsDirectory);
        AnsiConsole.MarkupLine($"purchase {report.PurchaseRps:N0}/s (p99 {report.PurchaseP99Ms:N1} ms), floor {report.TrivialRps:N0}/s, " +
            $"naive {report.NaiveRps:N0}/s, redis lua {report.RedisLuaOps:N0}/s; oversold {report.Oversold}, duplicate buyers {report.DuplicateBuyers}");
        AnsiConsole.MarkupLine($"[grey]wrote {Path.Combine(settings.ResultsDirectory, "flash-sale.md").EscapeMarkup()} and .json[/]");
        return report.InvariantsHold ? 0 : 1;
    }
    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or Npgsql.NpgsqlException)
    {
        await Console.Error.WriteLineAsync("flash-sale bench: " + ex.Message);
        return 1;
    }
});
var instanceCounts = new Option<string>("--instances") { Description = "Comma-separated API instance counts to compare.", DefaultValueFactory = _ => "1,3" };
var scaleBuyers = new Option<int>("--buyers") { Description = "Distinct buyers, one purchase each.", DefaultValueFactory = _ => 4_000 };
var scaleStock = new Option<int>("--stock") { Description = "Units in the measured sale (each a reservation, then an order).", DefaultValueFactory = _ => 2_000 };
var scaleConcurrency = new Option<int>("--concurrency") { Description = "Concurrent HTTP workers.", DefaultValueFactory = _ => 64 };
var scaleOut = new Command("scale-out", "Buy a sale out through the gateway with 1 and more API instances; orders/s from reservation to order row.")
{
    instanceCounts, scaleBuyers, scaleStock, scaleConcurrency, limit, output,
};
scaleOut.SetAction(async (parsed, _) =>
{
    var counts = parsed.GetValue(instanceCounts)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(c => int.TryParse(c, out var n) ? n : 0).ToList();
    var settings = new ScaleOutSettings(counts, parsed.GetValue(scaleBuyers), parsed.GetValue(scaleStock), parsed.GetValue(scaleConcurrency),
        TimeSpan.FromSeconds(parsed.GetValue(limit)), parsed.GetValue(output)!);
    if (counts.Count == 0 || counts.Any(n => n is < 1 or > 9) || settings.Stock < 1 || settings.Stock > settings.Buyers || settings.Concurrency < 1)
    {
        await Console.Error.WriteLineAsync("flash-sale bench scale-out: need --instances of 1 to 9 each, 1 <= stock <= buyers and concurrency >= 1");
        return 2;
    }

    try
    {
        var report = await ScaleOutRun.RunAsync(settings);
        var written = ScaleOutReportWriter.Write(report, settings.ResultsDirectory);
        AnsiConsole.MarkupLine($"[grey]wrote {written[0].EscapeMarkup()} and .json[/]");
        return report.Rows.All(r => r.Oversold == 0 && r.DuplicateBuyers == 0 && r.PurchaseErrors == 0) ? 0 : 1;
    }
    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or Npgsql.NpgsqlException)
    {
        await Console.Error.WriteLineAsync("flash-sale bench scale-out: " + ex.Message);
        return 1;
    }
});
root.Subcommands.Add(scaleOut);
return await root.Parse(args).InvokeAsync();
