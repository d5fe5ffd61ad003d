using System.Globalization;
using System.Text;

namespace Cache.Benchmarks;

/// <summary>Writes bench/results/cache.md (for people) and cache.json (for tools) from one run.</summary>
public static class CacheReportWriter
{
    public static void Write(CacheBenchReport report, string directory) => ResultFiles.Write(directory, "cache", Json(report), Markdown(report));

    private static Dictionary<string, object> Json(CacheBenchReport r) => new()
    {
        ["l1_hit_ns"] = Math.Round(r.L1Hit.MeanNs, 1),
        ["l2_hit_ns"] = Math.Round(r.L2Hit.MeanNs, 1),
        ["db_read_ns"] = Math.Round(r.DatabaseRead.MeanNs, 1),
        ["cached_rps"] = Math.Round(r.Cached.Stats.Rps, 1),
        ["uncached_rps"] = Math.Round(r.Uncached.Stats.Rps, 1),
        ["http_floor_rps"] = Math.Round(r.Floor.Stats.Rps, 1),
        ["cached_l1_hit_ratio"] = Math.Round(r.CachedL1HitRatio, 4),
        ["l2_over_l1"] = Math.Round(r.L1VersusL2, 1),
        ["cached_over_uncached"] = Math.Round(r.CachedVersusUncached, 2),
        ["cached_p99_ms"] = Math.Round(r.Cached.Stats.P99Ms, 2),
        ["uncached_p99_ms"] = Math.Round(r.Uncached.Stats.P99Ms, 2),
        ["l1_hit_allocated_bytes"] = r.L1Hit.AllocatedBytes ?? -1,
        ["listings"] = r.Settings.Listings,
        ["zipf_exponent"] = r.Settings.ZipfExponent,
        ["requests"] = r.Settings.Requests,
        ["concurrency"] = r.Settings.Concurrency,
        ["machine"] = r.Machine,
        ["finished_at"] = r.FinishedAt,
    };

    private static string Markdown(CacheBenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Read cache benchmark");
        md.AppendLine();
        md.AppendLine(inv, $"Run finished {r.FinishedAt:yyyy-MM-dd HH:mm} UTC by `bench/Cache.Benchmarks` (Release):");
        md.AppendLine("`dotnet build -c Release bench/Cache.Benchmarks && dotnet bench/Cache.Benchmarks/bin/Release/net10.0/Cache.Benchmarks.dll`");
        md.AppendLine("with the services of `scripts/services.sh` running.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        foreach (var (key, value) in r.Machine)
        {
            md.AppendLine(inv, $"- {key}: {value}");
        }

        md.AppendLine();
        md.AppendLine("The load average is the machine's at the start of the run: other work shared the same cores, so");
        md.AppendLine("absolute numbers are low and noisy; the ratios measured in the same run are the point.");
        md.AppendLine();
        md.AppendLine("## Latency of one listing read (BenchmarkDotNet, in-process)");
        md.AppendLine();
        md.AppendLine("| path | mean | median | std dev | allocated |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var l in new[] { r.L1Hit, r.L2Hit, r.DatabaseRead })
        {
            md.AppendLine(inv, $"| {l.Name} | {Ns(l.MeanNs)} | {Ns(l.MedianNs)} | {Ns(l.StdDevNs)} | {(l.AllocatedBytes is { } b ? b.ToString(inv) + " B" : "n/a")} |");
        }

        md.AppendLine();
        md.AppendLine(inv, $"L2 hit / L1 hit: **{r.L1VersusL2:F0}×** (target ≥ 100×); L1 hit under 1 µs: **{(r.L1Hit.MeanNs < 1000 ? "yes" : "no")}**.");
        md.AppendLine();
        md.AppendLine("- L1 hit: `ReadThroughCache.GetAsync` for a listing in the in-process memory cache (what the endpoint calls).");
        md.AppendLine("- L2 hit: what an L1 miss that L2 answers costs: the bloom check (one Lua call) and the FusionCache read of");
        md.AppendLine("  Redis with deserialisation, L1 skipped.");
        md.AppendLine("- database read: the region's PostgreSQL load (EF Core, a fresh DbContext as each request gets).");
        md.AppendLine();
        md.AppendLine("## Listing endpoint throughput, Zipf-distributed keys");
        md.AppendLine();
        md.AppendLine(inv, $"{r.Settings.Listings:N0} listings, Zipf exponent {r.Settings.ZipfExponent}, {r.Settings.Requests:N0} requests per phase after");
        md.AppendLine(inv, $"{r.Settings.WarmupRequests:N0} warm-up requests (same distribution, another seed), {r.Settings.Concurrency} closed-loop HTTP workers on loopback, same key sequence");
        md.AppendLine("in both phases. Each phase runs its own Release API process (Kestrel); `Cache:Enabled=false` sends every");
        md.AppendLine("read to PostgreSQL.");
        md.AppendLine();
        md.AppendLine("| endpoint | requests | req/s | p50 | p95 | p99 | errors |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in new[] { r.Cached, r.Uncached, r.Floor })
        {
            md.AppendLine(inv, $"| {p.Name} | {p.Stats.Requests:N0} | {p.Stats.Rps:N0} | {p.Stats.P50Ms:F2} ms | {p.Stats.P95Ms:F2} ms | {p.Stats.P99Ms:F2} ms | {p.Errors} |");
        }

        md.AppendLine();
        md.AppendLine(inv, $"L1 answered {r.CachedL1HitRatio:P1} of the cached phase's reads (from the API's own `/metrics` counters");
        md.AppendLine("`marketplace_cache_hits_total` / `marketplace_cache_misses_total`, level l1); the rest went to the bloom filter,");
        md.AppendLine("L2 and, for first reads, PostgreSQL.");
        md.AppendLine();
        md.AppendLine(inv, $"Cached / uncached: **{r.CachedVersusUncached:F1}×** (target ≥ 5×). The HTTP floor (`GET /api/bench/ping`, authenticated,");
        md.AppendLine(inv, $"no I/O, same process as the cached phase) reached {r.Floor.Stats.Rps:N0} req/s: the cached endpoint runs at");
        md.AppendLine(inv, $"{r.Cached.Stats.Rps / r.Floor.Stats.Rps:P0} of it, so its ceiling here is the HTTP pipeline (Kestrel, JSON, the loopback client");
        md.AppendLine("on the same cores), not the cache: the cached/uncached ratio can be no larger than floor/uncached");
        md.AppendLine(inv, $"({r.Floor.Stats.Rps / r.Uncached.Stats.Rps:F1}× in this run).");
        return md.ToString();
    }

    private static string Ns(double ns) => ns switch
    {
        < 1_000 => ns.ToString("F1", CultureInfo.InvariantCulture) + " ns",
        < 1_000_000 => (ns / 1_000).ToString("F2", CultureInfo.InvariantCulture) + " µs",
        _ => (ns / 1_000_000).ToString("F2", CultureInfo.InvariantCulture) + " ms",
    };
}
