using System.Runtime;

namespace Moderation.Training.Native;

/// <summary>
/// Holds garbage collection off while a batch of TorchSharp calls runs.
/// </summary>
/// <remarks>
/// TorchSharp turns a double passed where libtorch takes a Scalar (<c>x * 0.5</c>, <c>add_(y, alpha: 0.1)</c>, and
/// throughout its own AdamW) into a Scalar object that only its finalizer frees, and the JIT lets that object die as
/// soon as its handle has been read. A collection started by any thread while libtorch is inside such a call can
/// finalize the Scalar under it: libtorch then reads freed memory and fails with "Expected false to be true" (the type
/// check of a Scalar whose tag is garbage). Training runs met it about once per 10,000 steps on a busy machine;
/// <c>NoGcRegionTests</c> provokes it within seconds. Inside a region no collection runs, so nothing a call still uses
/// is finalized; entering the next region collects what the last one left. The region is process-wide and cannot
/// nest: an inner <see cref="Enter"/> is a no-op. Disposing twice is harmless.
/// </remarks>
public sealed class NoGcRegion : IDisposable
{
    /// <summary>Managed bytes a region may allocate (a training step of the tiny preset allocates well under 1 MiB).</summary>
    public const long DefaultBudget = 64L << 20;

    /// <summary>Every this many regions, a full blocking collection runs first and waits for the finalizers it queued.</summary>
    /// <remarks>
    /// The collections between regions are not full ones: TorchSharp objects that died after reaching the oldest
    /// generation kept their native memory, and a fine-tuning run grew by about 0.8 GB a minute until it swapped
    /// (24 GB at step 9,800 of 12,000). With this, 150 s of the same run held 1.6–1.75 GB instead of growing to 3.4 GB,
    /// at the same steps per second.
    /// </remarks>
    public const int FullCollectionEvery = 100;

    private static long _opened;

    private static long _refused;
    private static long _overflowed;

    private bool _entered;

    private NoGcRegion(bool entered) => _entered = entered;

    /// <summary>Regions the runtime could not open without a full blocking collection (the calls ran unguarded).</summary>
    public static long Refused => Interlocked.Read(ref _refused);

    /// <summary>Regions that allocated past their budget, so that a collection ran inside them.</summary>
    public static long Overflowed => Interlocked.Read(ref _overflowed);

    public static NoGcRegion Enter(long budget = DefaultBudget)
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new NoGcRegion(false);
        }

        if (Interlocked.Increment(ref _opened) % FullCollectionEvery == 0)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        bool entered;
        try
        {
            entered = GC.TryStartNoGCRegion(budget, disallowFullBlockingGC: true);
        }
        catch (InvalidOperationException)
        {
            // Another thread opened one between the check and the call: the calls are guarded by it.
            return new NoGcRegion(false);
        }

        if (!entered)
        {
            Interlocked.Increment(ref _refused);
        }

        return new NoGcRegion(entered);
    }

    public void Dispose()
    {
        if (!_entered)
        {
            return;
        }

        _entered = false;

        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
        else
        {
            Interlocked.Increment(ref _overflowed);
        }
    }
}
