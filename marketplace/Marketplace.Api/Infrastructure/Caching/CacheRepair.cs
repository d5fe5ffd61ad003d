namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// A cache write that failed (Redis down) and must be retried: evict <see cref="Id"/> from the
/// region's L2 and every L1, or add it to the region's bloom filter. The consumer does not try it
/// before <see cref="NotBefore"/>.
/// </summary>
public sealed record CacheRepair(string Kind, string Region, Guid Id, int Attempt, DateTimeOffset NotBefore)
{
    public const string Evict = "evict";
    public const string BloomAdd = "bloom-add";
}
