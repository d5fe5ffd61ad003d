using System.Runtime;
using Moderation.Training.Native;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Native;

/// <summary>Runs alone: its allocation churn would expose the other tests' unguarded TorchSharp calls to the race.</summary>
[CollectionDefinition(nameof(CollectionPressure), DisableParallelization = true)]
public sealed class CollectionPressure;

[Collection(nameof(CollectionPressure))]
public sealed class NoGcRegionTests
{
    [Fact]
    public void Implicit_scalars_survive_collection_pressure_inside_regions()
    {
        // TorchSharp's AdamW passes doubles as Scalars it never disposes. Unguarded, with this churn, such calls fail in
        // libtorch ("Expected false to be true") within seconds on the 2-core machine here; guarded, every step must pass.
        TorchNativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        var weight = new TorchSharp.Modules.Parameter(zeros(64));
        var optimizer = optim.AdamW([weight], lr: 0.01);
        using var stop = new CancellationTokenSource();
        var churn = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var k = 0; k < 256; k++)
                {
                    GC.KeepAlive(new byte[4096]);
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        churn.Start();
        var collectionsBefore = GC.CollectionCount(0);
        try
        {
            for (var step = 0; step < 20_000; step++)
            {
                using var region = NoGcRegion.Enter();
                using var stepScope = NewDisposeScope();
                optimizer.zero_grad();
                weight.sub(1).square().sum().backward();
                optimizer.step();
            }
        }
        finally
        {
            stop.Cancel();
            churn.Join();
        }

        Assert.True(GC.CollectionCount(0) - collectionsBefore >= 100, "the churn should have forced collections between regions");
        Assert.InRange(weight.mean().item<float>(), 0.9f, 1.1f);
    }

    [Fact]
    public void A_region_holds_collection_off_until_disposed_and_an_inner_one_changes_nothing()
    {
        var outer = NoGcRegion.Enter();
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        var collections = GC.CollectionCount(0);
        using (NoGcRegion.Enter())
        {
            GC.KeepAlive(new byte[1 << 20]);
        }

        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        Assert.Equal(collections, GC.CollectionCount(0));
        outer.Dispose();
        outer.Dispose();
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Garbage_that_reached_the_oldest_generation_is_finalized_within_a_cycle_of_regions()
    {
        // A TorchSharp object that lived through a couple of collections before it died frees its native memory only
        // when a full collection finalizes it; the collections regions run between themselves do not reach it.
        Tracked.Finalized = 0;
        PromoteAndDrop(count: 50);
        for (var i = 0; i <= NoGcRegion.FullCollectionEvery; i++)
        {
            using var region = NoGcRegion.Enter();
            GC.KeepAlive(new byte[1024]);
        }

        Assert.Equal(50, Volatile.Read(ref Tracked.Finalized));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void PromoteAndDrop(int count)
    {
        var live = Enumerable.Range(0, count).Select(_ => new Tracked()).ToList();
        GC.Collect();
        GC.Collect();
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(live[0]));
        GC.KeepAlive(live);
    }

    private sealed class Tracked
    {
        public static int Finalized;

        ~Tracked() => Interlocked.Increment(ref Finalized);
    }
}
