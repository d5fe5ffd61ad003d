using System.Collections.Concurrent;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Reloads logically expired entries in the background, one load per key across every instance:
/// within a process a key already being refreshed is not started again, and across processes a
/// Redis lock (SET NX PX, released by its token) lets one instance load while the others keep
/// serving the stale value. The reloaded entry is written to L1 and L2, and the backplane tells
/// the other instances to drop their L1 copy. With Redis unreachable each instance refreshes for
/// itself (the database then sees one load per instance).
/// </summary>
public sealed partial class LogicalRefresher(
    IFusionCache cache,
    IServiceScopeFactory scopes,
    RedisConnection redis,
    JitteredTtl ttl,
    CacheMetrics metrics,
    TimeProvider time,
    IOptions<CacheOptions> options,
    ILogger<LogicalRefresher> logger)
{
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Starts a refresh of <paramref name="key"/> unless one is already running here; never waits for it.</summary>
    public void Trigger<T>(CacheRegion<T> region, Guid id, string key) where T : class
    {
        if (!_inFlight.TryAdd(key, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(region, id, key);
            }
            catch (Exception ex)
            {
                LogRefreshFailed(logger, ex, key);
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
            }
        });
    }

    private async Task RefreshAsync<T>(CacheRegion<T> region, Guid id, string key) where T : class
    {
        var settings = options.Value;
        var lockKey = (RedisKey)("cache:refresh:" + key);
        var token = Guid.NewGuid().ToString("N");
        IDatabase? db;
        try
        {
            db = await redis.GetDatabaseAsync();
            if (!await db.StringSetAsync(lockKey, token, settings.RefreshLockTtl, When.NotExists))
            {
                // Another instance is loading it; its write reaches us through the backplane.
                return;
            }
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            db = null;
        }

        try
        {
            T? value;
            await using (var scope = scopes.CreateAsyncScope())
            {
                value = await region.LoadAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), id, CancellationToken.None);
            }

            var entry = new CacheEntry<T>(value, time.GetUtcNow() + settings.LogicalTtl);
            await cache.SetAsync(key, entry, new FusionCacheEntryOptions(value is null ? ttl.ForAbsent() : ttl.ForValue()) { Size = 1 });
            metrics.Refreshed(region.Name);
        }
        finally
        {
            if (db is not null)
            {
                try
                {
                    await db.ScriptEvaluateAsync(BloomScripts.ReleaseLock, [lockKey], [token]);
                }
                catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
                {
                    // The lease runs out on its own.
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background refresh of {Key} failed; the stale value is served until the next attempt")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string key);
}
