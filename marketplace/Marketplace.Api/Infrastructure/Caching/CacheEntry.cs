namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// What L1 and L2 hold: the value (null: the id does not exist, a negative entry) and the logical
/// expiry after which a reader still gets it but starts one background refresh.
/// </summary>
public sealed record CacheEntry<T>(T? Value, DateTimeOffset LogicalExpiresAt) where T : class
{
    public bool IsLogicallyExpired(DateTimeOffset now) => Value is not null && now >= LogicalExpiresAt;
}
