using FlashSale.Benchmarks;

namespace Cache.Benchmarks;

/// <summary>One latency benchmark's BenchmarkDotNet statistics (nanoseconds, bytes allocated per call).</summary>
public sealed record LatencyResult(string Name, double MeanNs, double MedianNs, double StdDevNs, long? AllocatedBytes);

/// <summary>Everything a run measured, with the machine and settings it ran under.</summary>
public sealed record CacheBenchReport(
    IReadOnlyDictionary<string, string> Machine,
    CacheBenchSettings Settings,
    LatencyResult L1Hit,
    LatencyResult L2Hit,
    LatencyResult DatabaseRead,
    PhaseResult Cached,
    PhaseResult Uncached,
    PhaseResult Floor,
    double CachedL1HitRatio,
    DateTimeOffset FinishedAt)
{
    public double L1VersusL2 => L2Hit.MeanNs / L1Hit.MeanNs;

    public double CachedVersusUncached => Cached.Stats.Rps / Uncached.Stats.Rps;
}
