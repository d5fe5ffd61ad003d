using System.CommandLine;
using Cache.Benchmarks;
using FlashSale.Benchmarks;
using Spectre.Console;

// Read-cache benchmark; see bench/results/cache.md for what it measures.
if (ServedApi.TryRun(args) is { } apiExitCode)
{
    return apiExitCode;
}

var listings = new Option<int>("--listings") { Description = "Listings in the catalogue.", DefaultValueFactory = _ => 10_000 };
var zipf = new Option<double>("--zipf") { Description = "Zipf exponent of the key distribution.", DefaultValueFactory = _ => 1.0 };
var requests = new Option<int>("--requests") { Description = "Measured requests per endpoint phase.", DefaultValueFactory = _ => 30_000 };
var warmup = new Option<int>("--warmup") { Description = "Warm-up requests per endpoint phase.", DefaultValueFactory = _ => 30_000 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent HTTP workers.", DefaultValueFactory = _ => 32 };
var limit = new Option<int>("--phase-seconds") { Description = "Time limit of each load phase.", DefaultValueFactory = _ => 60 };
var output = new Option<string>("--out") { Description = "Results folder.", DefaultValueFactory = _ => RepositoryRoot.Results() };

var root = new RootCommand("Read cache: L1/L2/database latency, and the listing endpoint with and without the cache under Zipf keys.")
{
    listings, zipf, requests, warmup, concurrency, limit, output,
};
root.SetAction(async (parsed, _) =>
{
    var settings = new CacheBenchSettings(parsed.GetValue(listings), parsed.GetValue(zipf), parsed.GetValue(requests),
        parsed.GetValue(warmup), parsed.GetValue(concurrency), TimeSpan.FromSeconds(parsed.GetValue(limit)), parsed.GetValue(output)!);
    if (settings.Listings < 1 || settings.ZipfExponent <= 0 || settings.Requests < 1 || settings.WarmupRequests < 0 || settings.Concurrency < 1)
    {
        await Console.Error.WriteLineAsync("cache bench: need listings >= 1, zipf > 0, requests >= 1, warmup >= 0, concurrency >= 1");
        return 2;
    }

    try
    {
        var report = await CacheBenchRun.RunAsync(settings);
        CacheReportWriter.Write(report, settings.ResultsDirectory);
        AnsiConsole.MarkupLine($"L1 hit {report.L1Hit.MeanNs:N1} ns, L2 hit {report.L2Hit.MeanNs:N0} ns, database {report.DatabaseRead.MeanNs:N0} ns; " +
            $"cached {report.Cached.Stats.Rps:N0}/s vs uncached {report.Uncached.Stats.Rps:N0}/s ({report.CachedVersusUncached:F1}x)");
        AnsiConsole.MarkupLine($"[grey]wrote {Path.Combine(settings.ResultsDirectory, "cache.md").EscapeMarkup()} and .json[/]");
        return 0;
    }
    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException or Npgsql.NpgsqlException)
    {
        await Console.Error.WriteLineAsync("cache bench: " + ex.Message);
        return 1;
    }
});
return await root.Parse(args).InvokeAsync();
