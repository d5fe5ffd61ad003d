using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// One acquisition of a lock; disposing it releases that one hold (a Redis failure on release is
/// logged, not thrown: the lease then frees the lock).
/// </summary>
public sealed class RedisLockHandle : IAsyncDisposable
{
    private readonly RedisLock _lock;
    private int _released;

    internal RedisLockHandle(RedisLock @lock, LockOwner owner, long holdCount)
    {
        _lock = @lock;
        Owner = owner;
        HoldCount = holdCount;
    }

    public LockOwner Owner { get; }

    /// <summary>The owner's hold count right after this acquisition (2 or more when re-entered).</summary>
    public long HoldCount { get; }

    public string Name => _lock.Name;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                await _lock.ReleaseAsync(Owner);
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
            {
                // The watchdog is stopped, so the lease frees the lock; the holder's work is done
                // and must not fail because the release could not be confirmed.
                _lock.ReportReleaseFailed(exception);
            }
        }
    }
}
