using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// A named distributed lock with Redisson RLock's behaviour: an owner token (instance id + the
/// caller's <see cref="LockOwner"/>), a lease renewed by a watchdog while the holder runs,
/// release by the owner only, re-entrancy (a hold count per owner), and acquisition that waits up to
/// a timeout, polling with capped exponential backoff (never past the holder's remaining lease).
/// Create through <see cref="RedisLockFactory"/>.
/// </summary>
public sealed class RedisLock
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(100);

    private readonly RedisLockFactory _factory;

    internal RedisLock(RedisLockFactory factory, string name)
    {
        _factory = factory;
        Name = name;
        Key = "lock:" + name;
    }

    public string Name { get; }

    /// <summary>The Redis key, under the API's key prefix.</summary>
    public string Key { get; }

    /// <summary>
    /// Acquires (or re-enters) the lock for <paramref name="owner"/>, waiting up to
    /// <paramref name="wait"/> for another owner to release it or for its lease to lapse.
    /// Null when the wait ran out. Redis failures propagate (<see cref="RedisException"/>).
    /// </summary>
    public async Task<RedisLockHandle?> TryAcquireAsync(LockOwner owner, TimeSpan wait, CancellationToken cancellationToken)
    {
        var time = _factory.Time;
        var deadline = time.GetUtcNow() + wait;
        var backoff = FirstBackoff;
        while (true)
        {
            var result = await _factory.EvaluateAsync(RedisLockScripts.Acquire, Key, owner);
            if (result >= 1)
            {
                if (result == 1)
                {
                    _factory.StartWatchdog(this, owner);
                }

                return new RedisLockHandle(this, owner, result);
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            var leaseLeft = TimeSpan.FromMilliseconds(-result - 1);
            var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds / 2);
            var pause = Min(Min(backoff + jitter, leaseLeft + FirstBackoff), remaining);
            await Task.Delay(pause, time, cancellationToken);
            backoff = Min(backoff * 2, MaxBackoff);
        }
    }

    /// <summary>
    /// Drops one hold of <paramref name="owner"/>; the lock frees when the count reaches zero.
    /// False when <paramref name="owner"/> does not hold it (another owner cannot release it).
    /// </summary>
    public async Task<bool> ReleaseAsync(LockOwner owner)
    {
        long remaining;
        try
        {
            remaining = await _factory.EvaluateAsync(RedisLockScripts.Release, Key, owner);
        }
        catch
        {
            // Unknown outcome: stop renewing so the lease frees the lock, as after a crash.
            await _factory.StopWatchdogAsync(this, owner);
            throw;
        }

        if (remaining <= 0)
        {
            await _factory.StopWatchdogAsync(this, owner);
        }

        return remaining >= 0;
    }

    /// <summary>The hold count <paramref name="owner"/> has on this lock (0 when not held by it).</summary>
    public Task<long> HoldCountAsync(LockOwner owner) => _factory.HoldCountAsync(Key, owner);

    internal void ReportReleaseFailed(Exception exception) => _factory.ReportReleaseFailed(Key, exception);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
