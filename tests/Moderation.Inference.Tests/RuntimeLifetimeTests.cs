using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Tests;

public class RuntimeLifetimeTests
{
    private static RuntimeLoader Loader()
    {
        var options = new InferenceOptions { IntraOpThreads = 1, MaxBatch = 8 };
        return new RuntimeLoader(options, new OnnxSessionFactory(options, NullLogger<OnnxSessionFactory>.Instance), NullLogger<RuntimeLoader>.Instance);
    }

    [Fact]
    public void A_swapped_out_runtime_stays_usable_until_its_last_request_releases_it()
    {
        var loader = Loader();
        using var holder = new ModelHolder();
        holder.Swap(loader.Load(TestBundles.MeanPool(seed: 1)));
        var inFlight = holder.Acquire()!;

        holder.Swap(loader.Load(TestBundles.MeanPool(seed: 2)));
        Assert.NotSame(inFlight, holder.Current);
        Assert.False(inFlight.IsDisposed);
        Assert.Equal(1, inFlight.Run([[0, 5, 6, 2]]).Rows);

        inFlight.Release();
        Assert.True(inFlight.IsDisposed);
        Assert.False(inFlight.TryAcquire());
        Assert.Throws<ObjectDisposedException>(() => inFlight.Run([[0, 5, 2]]));
    }

    [Fact]
    public void Padding_rows_to_a_longer_neighbour_does_not_change_their_logits()
    {
        var runtime = Loader().Load(TestBundles.MeanPool(seed: 5));
        int[] shortRow = [0, 10, 11, 2];
        var alone = runtime.Run([shortRow]);
        var padded = runtime.Run([shortRow, [0, 10, 11, 12, 13, 14, 15, 16, 17, 2]]);
        Assert.Equal(alone.Family(0).ToArray(), padded.Family(0).ToArray(), (a, b) => Math.Abs(a - b) <= 1e-5f);
        Assert.Equal(alone.Category(0).ToArray(), padded.Category(0).ToArray(), (a, b) => Math.Abs(a - b) <= 1e-5f);
        runtime.Release();
    }
}
