using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Reads through L1 (in-process memory) → bloom filter → L2 (Redis) → PostgreSQL, all but the
/// bloom filter and the logical expiry provided by FusionCache (levels, stampede protection on a
/// miss, backplane). Writes are cache-aside: the caller updates PostgreSQL, then calls
/// <see cref="InvalidateAsync"/>, which deletes the entry in L2 and every L1, queueing a retry on
/// Kafka when Redis cannot be reached.
/// </summary>
public sealed partial class ReadThroughCache(
    IFusionCache cache,
    BloomFilters filters,
    LogicalRefresher refresher,
    CacheRepairPublisher repairs,
    JitteredTtl ttl,
    CacheMetrics metrics,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<CacheOptions> options,
    ILogger<ReadThroughCache> logger)
{
    // L1 only: the bloom filter sits between L1 and L2.
    private static readonly FusionCacheEntryOptions L1Only = new() { SkipDistributedCacheRead = true, Size = 1 };

    // A delete must not succeed silently when Redis fails: it is what triggers the retry.
    private static readonly FusionCacheEntryOptions StrictRemove = new()
    {
        ReThrowDistributedCacheExceptions = true,
        ReThrowBackplaneExceptions = true,
        AllowBackgroundDistributedCacheOperations = false,
        AllowBackgroundBackplaneOperations = false,
    };

    public bool Enabled => options.Value.Enabled;

    /// <summary>The value for <paramref name="id"/>, or null when it does not exist.</summary>
    /// <remarks>
    /// The database context is created only on a load, not per read: building one costs more than an L1
    /// hit by orders of magnitude, and most reads are L1 hits.
    /// </remarks>
    public async ValueTask<T?> GetAsync<T>(CacheRegion<T> region, Guid id, CancellationToken cancellationToken)
        where T : class
    {
        if (!options.Value.Enabled)
        {
            return await LoadAsync(region, id, cancellationToken);
        }

        var key = region.KeyFor(id);
        var l1 = cache.TryGet<CacheEntry<T>>(key, L1Only, cancellationToken);
        if (l1.HasValue)
        {
            metrics.Hit("l1", region.Name);
            return Serve(region, id, key, l1.Value);
        }

        metrics.Miss("l1", region.Name);
        switch (await filters.For(region.Name).MightContainAsync(id))
        {
            case BloomAnswer.Absent:
                metrics.BloomRejected(region.Name);
                return null;
            case BloomAnswer.Unknown:
                metrics.BloomUnanswered(region.Name);
                break;
        }

        var loaded = false;
        var entry = await cache.GetOrSetAsync<CacheEntry<T>>(key, async (context, token) =>
        {
            loaded = true;
            var value = await LoadAsync(region, id, token);
            context.Options.Duration = value is null ? ttl.ForAbsent() : ttl.ForValue();
            return new CacheEntry<T>(value, time.GetUtcNow() + options.Value.LogicalTtl);
        }, default(FusionCacheEntryOptions), cancellationToken);
        if (loaded)
        {
            metrics.Miss("l2", region.Name);
        }
        else
        {
            metrics.Hit("l2", region.Name);
        }

        return Serve(region, id, key, entry);
    }

    private async Task<T?> LoadAsync<T>(CacheRegion<T> region, Guid id, CancellationToken cancellationToken)
        where T : class
    {
        await using var scope = scopes.CreateAsyncScope();
        return await region.LoadAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), id, cancellationToken);
    }

    /// <summary>Cache-aside delete after a write to PostgreSQL; never throws for a Redis failure.</summary>
    public async Task InvalidateAsync<T>(CacheRegion<T> region, Guid id, CancellationToken cancellationToken) where T : class
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await EvictAsync(region.Name, id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEvictFailed(logger, ex.GetType().Name, region.Name, id);
            await QueueRepairAsync(new CacheRepair(CacheRepair.Evict, region.Name, id, 1,
                time.GetUtcNow() + options.Value.RepairInitialBackoff));
        }
    }

    /// <summary>Adds a new id to the region's bloom filter; a failure is queued for retry.</summary>
    public async Task RecordCreatedAsync<T>(CacheRegion<T> region, Guid id) where T : class
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await filters.For(region.Name).AddAsync(id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBloomAddFailed(logger, ex.GetType().Name, region.Name, id);
            await QueueRepairAsync(new CacheRepair(CacheRepair.BloomAdd, region.Name, id, 1,
                time.GetUtcNow() + options.Value.RepairInitialBackoff));
        }
    }

    /// <summary>Removes the entry from this L1, L2 and (backplane) every other L1; throws when Redis fails.</summary>
    internal async Task EvictAsync(string region, Guid id, CancellationToken cancellationToken) =>
        await cache.RemoveAsync(region + ":" + id.ToString("N"), StrictRemove, cancellationToken);

    private T? Serve<T>(CacheRegion<T> region, Guid id, string key, CacheEntry<T> entry) where T : class
    {
        if (entry.IsLogicallyExpired(time.GetUtcNow()))
        {
            refresher.Trigger(region, id, key);
        }

        return entry.Value;
    }

    private async Task QueueRepairAsync(CacheRepair repair)
    {
        try
        {
            // Not the request's token: a client hanging up must not lose the retry.
            await repairs.PublishAsync(repair, CancellationToken.None);
            metrics.Repair(repair.Kind, "queued");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis and Kafka both down: the logical expiry and the TTL are what is left.
            metrics.Repair(repair.Kind, "lost");
            LogRepairLost(logger, ex, repair.Kind, repair.Region, repair.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache delete failed ({Error}) for {Region} {Id}; queued for retry")]
    private static partial void LogEvictFailed(ILogger logger, string error, string region, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bloom add failed ({Error}) for {Region} {Id}; queued for retry")]
    private static partial void LogBloomAddFailed(ILogger logger, string error, string region, Guid id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cache repair {Kind} for {Region} {Id} could not be queued; only the TTL bounds its staleness now")]
    private static partial void LogRepairLost(ILogger logger, Exception exception, string kind, string region, Guid id);
}
