namespace FlashSale.Benchmarks;

/// <summary>The run's knobs; every one is written into the report.</summary>
public sealed record BenchSettings(
    int Buyers,
    int Stock,
    int Concurrency,
    int TrivialRequests,
    int NaiveRequests,
    int RedisRequests,
    int RedisClients,
    TimeSpan PhaseLimit,
    string ResultsDirectory);
