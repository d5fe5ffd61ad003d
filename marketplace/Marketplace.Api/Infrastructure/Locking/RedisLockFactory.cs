using System.Collections.Concurrent;
using System.Globalization;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// Hands out <see cref="RedisLock"/>s and runs their watchdogs. One per process: its
/// <see cref="InstanceId"/> is the first half of every owner token. Disposing it stops the
/// watchdogs without releasing anything, which is what a crash does: the locks then free when
/// their leases run out.
/// </summary>
/// <remarks>
/// Built on StackExchange.Redis's scripting rather than a library: RedLock.net has neither
/// re-entrancy nor a hold count, and no maintained .NET package in the pinned set offers
/// Redisson's re-entrant lock with a watchdog.
/// </remarks>
public sealed partial class RedisLockFactory(
    RedisConnection redis, IOptions<LockingOptions> options, TimeProvider time, ILogger<RedisLockFactory> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LockWatchdog> _watchdogs = new(StringComparer.Ordinal);

    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public TimeSpan LeaseTime => options.Value.LeaseTime;

    internal TimeProvider Time => time;

    public RedisLock Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new RedisLock(this, name);
    }

    internal string TokenFor(LockOwner owner) => InstanceId + ":" + owner.Handle;

    internal async Task<long> EvaluateAsync(string script, string key, LockOwner owner)
    {
        var db = await redis.GetDatabaseAsync();
        var lease = ((long)LeaseTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var result = await db.ScriptEvaluateAsync(script, [key], [lease, TokenFor(owner)]);
        return (long)result;
    }

    internal async Task<long> HoldCountAsync(string key, LockOwner owner)
    {
        var db = await redis.GetDatabaseAsync();
        var count = await db.HashGetAsync(key, TokenFor(owner));
        return count.IsNull ? 0 : (long)count;
    }

    internal void StartWatchdog(RedisLock @lock, LockOwner owner) =>
        _watchdogs.GetOrAdd(WatchdogKey(@lock, owner), _ => new LockWatchdog(
            async () => await EvaluateAsync(RedisLockScripts.Renew, @lock.Key, owner) == 1,
            LeaseTime, time, @lock.Key, logger));

    internal async Task StopWatchdogAsync(RedisLock @lock, LockOwner owner)
    {
        if (_watchdogs.TryRemove(WatchdogKey(@lock, owner), out var watchdog))
        {
            await watchdog.DisposeAsync();
        }
    }

    /// <summary>Locks this process currently renews (for diagnostics and tests).</summary>
    public int WatchdogCount => _watchdogs.Count;

    public async ValueTask DisposeAsync()
    {
        foreach (var key in _watchdogs.Keys)
        {
            if (_watchdogs.TryRemove(key, out var watchdog))
            {
                await watchdog.DisposeAsync();
            }
        }
    }

    internal void ReportReleaseFailed(string key, Exception exception) => LogReleaseFailed(logger, exception, key);

    private static string WatchdogKey(RedisLock @lock, LockOwner owner) => @lock.Key + "\n" + owner.Handle;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing lock {Key} failed; it frees when its lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string key);
}
