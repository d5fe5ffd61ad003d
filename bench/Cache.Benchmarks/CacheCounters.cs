using System.Globalization;

namespace Cache.Benchmarks;

/// <summary>L1 hits and misses as the API reports them on <c>/metrics</c> (Prometheus text), summed over regions.</summary>
public sealed record CacheCounters(double L1Hits, double L1Misses)
{
    public static async Task<CacheCounters> ScrapeAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics");
        double Sum(string metric) => text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains("level=\"l1\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        return new CacheCounters(Sum("marketplace_cache_hits_total"), Sum("marketplace_cache_misses_total"));
    }

    /// <summary>Share of reads between <paramref name="before"/> and this scrape that L1 answered.</summary>
    public double HitRatioSince(CacheCounters before)
    {
        var hits = L1Hits - before.L1Hits;
        var misses = L1Misses - before.L1Misses;
        return hits + misses == 0 ? 0 : hits / (hits + misses);
    }
}
