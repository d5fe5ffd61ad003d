using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// An entry being written to <see cref="LfuMemoryCache"/>; like MemoryCache's, it is stored when
/// disposed. Absolute expirations are honoured; sliding expiration, change tokens, eviction
/// callbacks, priority and size are accepted and ignored (FusionCache sets only the absolute one,
/// and the bound is an entry count decided by frequency).
/// </summary>
internal sealed class LfuCacheEntry(LfuMemoryCache cache, object key) : ICacheEntry
{
    public object Key { get; } = key;

    public object? Value { get; set; }

    public DateTimeOffset? AbsoluteExpiration { get; set; }

    public TimeSpan? AbsoluteExpirationRelativeToNow { get; set; }

    public TimeSpan? SlidingExpiration { get; set; }

    public IList<IChangeToken> ExpirationTokens { get; } = [];

    public IList<PostEvictionCallbackRegistration> PostEvictionCallbacks { get; } = [];

    public CacheItemPriority Priority { get; set; } = CacheItemPriority.Normal;

    public long? Size { get; set; }

    public void Dispose() => cache.Store(this);
}
