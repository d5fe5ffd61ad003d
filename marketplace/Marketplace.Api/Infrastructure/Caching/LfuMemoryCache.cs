using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// FusionCache's L1 as BitFaster.Caching's ConcurrentLfu: W-TinyLFU admission and eviction (the
/// policy of Java's Caffeine) bounded to a number of entries, behind the <see cref="IMemoryCache"/>
/// interface FusionCache takes. A one-off burst of cold keys (a crawler, a scan) cannot push the
/// frequently read ones out, which a size-limited MemoryCache's LRU compaction would.
/// </summary>
public sealed class LfuMemoryCache : IMemoryCache
{
    // Far enough to mean "no expiration" and still fit BitFaster's Duration.
    private static readonly TimeSpan Forever = TimeSpan.FromDays(3650);

    private readonly ICache<object, LfuStoredValue> _entries;
    private readonly TimeProvider _time;

    public LfuMemoryCache(int capacity, TimeProvider time)
    {
        _time = time;
        _entries = new ConcurrentLfuBuilder<object, LfuStoredValue>()
            .WithCapacity(capacity)
            .WithExpireAfter(new LfuExpiry(time))
            .Build();
    }

    /// <summary>Entries held now (at most the capacity).</summary>
    public int Count => _entries.Count;

    public bool TryGetValue(object key, out object? value)
    {
        if (_entries.TryGet(key, out var stored) && stored.ExpiresAt > _time.GetUtcNow())
        {
            value = stored.Value;
            return true;
        }

        value = null;
        return false;
    }

    public ICacheEntry CreateEntry(object key) => new LfuCacheEntry(this, key);

    public void Remove(object key) => _entries.TryRemove(key);

    public void Dispose() => (_entries as IDisposable)?.Dispose();

    internal void Store(LfuCacheEntry entry)
    {
        var now = _time.GetUtcNow();
        var expiresAt = now + Forever;
        if (entry.AbsoluteExpiration is { } absolute && absolute < expiresAt)
        {
            expiresAt = absolute;
        }

        if (entry.AbsoluteExpirationRelativeToNow is { } relative && now + relative < expiresAt)
        {
            expiresAt = now + relative;
        }

        _entries.AddOrUpdate(entry.Key, new LfuStoredValue(entry.Value, expiresAt));
    }
}
