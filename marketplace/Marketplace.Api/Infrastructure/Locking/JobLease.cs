namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// Leadership of one background job across every API instance: a <see cref="RedisLock"/> named <c>job:&lt;name&gt;</c>
/// that the holder keeps between passes (its watchdog renews the lease while the process lives) and releases when the
/// job stops. Each pass first asks <see cref="TryHoldAsync"/>; an instance that does not hold it skips the pass, so
/// one instance does the work at a time and another takes over within one interval after a graceful stop, or within
/// the lease (<see cref="LockingOptions.LeaseTime"/>) after a crash. Redis unreachable: the caller's pass fails and is
/// retried on its next tick.
/// </summary>
public sealed class JobLease(RedisLockFactory locks, string name) : IAsyncDisposable
{
    private readonly RedisLock _lock = locks.Create("job:" + name);
    private RedisLockHandle? _held;
    private long _passes;

    public string Name => name;

    /// <summary>True while this instance held the lease at its last check.</summary>
    public bool IsHeld => Volatile.Read(ref _held) is not null;

    /// <summary>Passes this instance ran while holding the lease (for tests and diagnostics).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Holds the lease (still, or newly); false when another instance holds it.</summary>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            if (await _lock.HoldCountAsync(held.Owner) > 0)
            {
                return true;
            }

            // Lost (the lease lapsed while Redis was unreachable, say): drop it and compete afresh with a new owner,
            // since the old owner's watchdog has stopped.
            await ReleaseAsync();
        }

        _held = await _lock.TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, cancellationToken);
        return _held is not null;
    }

    /// <summary>Counts one pass run under the lease.</summary>
    public void Ran() => Interlocked.Increment(ref _passes);

    /// <summary>Gives the lease up so another instance takes over at its next tick.</summary>
    public async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _held, null) is { } held)
        {
            await held.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
