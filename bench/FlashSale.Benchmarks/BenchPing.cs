namespace FlashSale.Benchmarks;

public sealed record BenchPing(Guid UserId);
