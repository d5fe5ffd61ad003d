namespace Inference.Benchmarks;

/// <summary>One batch size of the raw session; latencies are per batch; texts per CPU-second of the calling process.</summary>
public sealed record RawPhase(int BatchSize, Percentiles Result, double TextsPerCpuSecond);
