namespace FlashSale.Benchmarks;

/// <summary>The <c>scale-out</c> run: instance counts to compare, each measured with the same sale and buyers.</summary>
public sealed record ScaleOutSettings(IReadOnlyList<int> Instances, int Buyers, int Stock, int Concurrency, TimeSpan PhaseLimit, string ResultsDirectory);
