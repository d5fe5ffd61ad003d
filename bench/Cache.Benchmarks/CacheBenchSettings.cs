namespace Cache.Benchmarks;

/// <summary>What one run measures: catalogue size, key skew, request counts and concurrency.</summary>
public sealed record CacheBenchSettings(
    int Listings, double ZipfExponent, int Requests, int WarmupRequests, int Concurrency, TimeSpan PhaseLimit, string ResultsDirectory);
