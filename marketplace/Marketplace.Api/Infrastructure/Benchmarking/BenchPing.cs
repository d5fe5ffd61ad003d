namespace Marketplace.Api.Infrastructure.Benchmarking;

public sealed record BenchPing(Guid UserId);
