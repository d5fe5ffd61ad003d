using System.Diagnostics;
using Marketplace.Api.Infrastructure.Locking;

namespace Marketplace.Tests.Locking;

/// <summary>
/// The lock's RLock behaviours against the real Redis, with short leases. Not so short that a
/// watchdog tick delayed by a loaded 2-core test machine (hundreds of ms) lets a held lease lapse.
/// </summary>
public sealed class RedisLockTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(1500);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_holder_that_outlives_the_lease_keeps_the_lock_through_the_watchdog()
    {
        await using var harness = new LockHarness(Lease);
        var holderProcess = harness.NewProcess();
        var otherProcess = harness.NewProcess();
        var name = "work-" + Guid.NewGuid().ToString("N");
        var holder = LockOwner.New();

        await using var held = await holderProcess.Create(name).TryAcquireAsync(holder, TimeSpan.Zero, Ct);
        Assert.NotNull(held);

        // Hold it for four leases; every probe must find it still held, with a live lease.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Lease * 4)
        {
            var competitor = await otherProcess.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct);
            Assert.Null(competitor);
            Assert.InRange(await harness.PttlAsync(holderProcess.Create(name)), 1, (long)Lease.TotalMilliseconds);
            await Task.Delay(Lease / 4, Ct);
        }

        Assert.Equal(1, await holderProcess.Create(name).HoldCountAsync(holder));
    }

    [Fact]
    public async Task A_crashed_holders_lock_frees_after_the_lease()
    {
        await using var harness = new LockHarness(Lease);
        var crashing = harness.NewProcess();
        var survivor = harness.NewProcess();
        var name = "work-" + Guid.NewGuid().ToString("N");
        Assert.NotNull(await crashing.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct));
        Assert.Equal(1, crashing.WatchdogCount);

        // The process dies: its watchdog stops and nothing releases the lock.
        await crashing.DisposeAsync();
        var clock = Stopwatch.StartNew();
        Assert.Null(await survivor.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct));
        await using var taken = await survivor.Create(name).TryAcquireAsync(LockOwner.New(), Lease * 5, Ct);

        Assert.NotNull(taken);
        // Not before the lease could have lapsed (less the little time spent before the clock started).
        Assert.True(clock.Elapsed >= Lease / 2, $"Acquired after {clock.Elapsed}, before the lease ran out.");
    }

    [Fact]
    public async Task Another_owner_cannot_release_the_lock()
    {
        await using var harness = new LockHarness(Lease);
        var process = harness.NewProcess();
        var otherProcess = harness.NewProcess();
        var name = "work-" + Guid.NewGuid().ToString("N");
        var holder = LockOwner.New();
        await using var held = await process.Create(name).TryAcquireAsync(holder, TimeSpan.Zero, Ct);

        Assert.False(await process.Create(name).ReleaseAsync(LockOwner.New()));
        // The same owner handle from another process is another owner too: the token includes the instance.
        Assert.False(await otherProcess.Create(name).ReleaseAsync(holder));

        Assert.Equal(1, await process.Create(name).HoldCountAsync(holder));
        Assert.Null(await otherProcess.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task The_same_owner_re_enters_and_the_lock_frees_only_after_as_many_releases()
    {
        await using var harness = new LockHarness(Lease);
        var process = harness.NewProcess();
        var other = harness.NewProcess();
        var @lock = process.Create("work-" + Guid.NewGuid().ToString("N"));
        var owner = LockOwner.New();

        var outer = await @lock.TryAcquireAsync(owner, TimeSpan.Zero, Ct);
        var inner = await @lock.TryAcquireAsync(owner, TimeSpan.Zero, Ct);
        Assert.Equal((1L, 2L), (outer!.HoldCount, inner!.HoldCount));

        await inner.DisposeAsync();
        Assert.Equal(1, await @lock.HoldCountAsync(owner));
        Assert.Null(await other.Create(@lock.Name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct));
        Assert.Equal(1, process.WatchdogCount);

        await outer.DisposeAsync();
        Assert.Equal(0, await @lock.HoldCountAsync(owner));
        Assert.Equal(0, process.WatchdogCount);
        Assert.Equal(-2, await harness.PttlAsync(@lock));
        await using var next = await other.Create(@lock.Name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Acquire_waits_for_a_release_and_gives_up_at_the_wait_timeout()
    {
        await using var harness = new LockHarness(TimeSpan.FromSeconds(30));
        var process = harness.NewProcess();
        var name = "work-" + Guid.NewGuid().ToString("N");
        var held = await process.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.Zero, Ct);

        var clock = Stopwatch.StartNew();
        Assert.Null(await process.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.FromMilliseconds(300), Ct));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300));

        var waiting = process.Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.FromSeconds(10), Ct);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted);
        await held!.DisposeAsync();
        await using var next = await waiting;
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Many_owners_contending_hold_the_lock_one_at_a_time()
    {
        await using var harness = new LockHarness(Lease);
        var processes = Enumerable.Range(0, 3).Select(_ => harness.NewProcess()).ToList();
        var name = "work-" + Guid.NewGuid().ToString("N");
        var inside = 0;
        var maxInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            await using var held = await processes[i % 3].Create(name).TryAcquireAsync(LockOwner.New(), TimeSpan.FromSeconds(30), Ct);
            Assert.NotNull(held);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(5, Ct);
            Interlocked.Decrement(ref inside);
        }));

        Assert.Equal(1, maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
