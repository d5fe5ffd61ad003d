namespace FlashSale.Benchmarks;

/// <summary>One load phase: latency stats and how answers split by status (errors = transport failures and 5xx).</summary>
public sealed record PhaseResult(string Name, LatencyStats Stats, IReadOnlyDictionary<string, int> Statuses, int Errors);
