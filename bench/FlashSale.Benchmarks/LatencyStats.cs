namespace FlashSale.Benchmarks;

/// <summary>Throughput and latency percentiles of one phase, from all of its samples (sorted, nearest rank).</summary>
public sealed record LatencyStats(int Requests, double Seconds, double Rps, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencyStats From(IReadOnlyCollection<double> samplesMs, TimeSpan elapsed)
    {
        var sorted = samplesMs.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Length, elapsed.TotalSeconds, sorted.Length / elapsed.TotalSeconds,
            At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }
}
