namespace Inference.Benchmarks;

/// <summary>Texts per second and nearest-rank latency percentiles of one measured phase.</summary>
public sealed record Percentiles(long Texts, double Seconds, double TextsPerSecond, double P50Ms, double P99Ms)
{
    public static Percentiles Of(List<double> latenciesMs, long texts, double seconds)
    {
        latenciesMs.Sort();
        double Rank(double q) => latenciesMs.Count == 0 ? double.NaN : latenciesMs[Math.Clamp((int)Math.Ceiling(q * latenciesMs.Count) - 1, 0, latenciesMs.Count - 1)];
        return new Percentiles(texts, seconds, texts / seconds, Rank(0.50), Rank(0.99));
    }
}
