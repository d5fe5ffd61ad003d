namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>One count to take: a policy and the partition (address, account hash, buyer id) it counts for.</summary>
public sealed record RateLimitPartition(string Policy, string Key);
