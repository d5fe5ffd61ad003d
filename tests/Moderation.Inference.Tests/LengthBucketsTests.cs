using Moderation.Inference.Batching;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Tests;

public class LengthBucketsTests
{
    [Theory]
    [InlineData(2, 0)]
    [InlineData(16, 0)]
    [InlineData(17, 5)]
    [InlineData(32, 5)]
    [InlineData(33, 6)]
    [InlineData(256, 8)]
    public void Lengths_share_a_bucket_up_to_16_then_per_power_of_two(int tokens, int bucket) =>
        Assert.Equal(bucket, LengthBuckets.Of(tokens));

    [Fact]
    public void A_batch_splits_into_sorted_runs_of_one_runtime_and_one_bucket()
    {
        var a = RuntimeOf(1);
        var b = RuntimeOf(2);
        var items = new List<ScoringItem>
        {
            new(a, new int[40]), new(a, new int[3]), new(b, new int[5]), new(a, new int[20]), new(a, new int[10]), new(b, new int[60]),
        };

        var runs = LengthBuckets.Split(items).Select(r => items.Skip(r.Start).Take(r.End - r.Start).ToList()).ToList();

        Assert.Equal(items.Count, runs.Sum(r => r.Count));
        Assert.All(runs, run =>
        {
            Assert.Single(run.Select(i => i.Runtime).Distinct());
            Assert.Single(run.Select(i => LengthBuckets.Of(i.Tokens.Length)).Distinct());
            Assert.Equal(run.Select(i => i.Tokens.Length).Order(), run.Select(i => i.Tokens.Length));
        });
        Assert.Equal(5, runs.Count);
    }

    private static ModelRuntime RuntimeOf(int seed)
    {
        var options = new Options.InferenceOptions { IntraOpThreads = 1, MaxBatch = 4 };
        var loader = new RuntimeLoader(options, new OnnxSessionFactory(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<OnnxSessionFactory>.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RuntimeLoader>.Instance);
        return loader.Load(TestBundles.MeanPool(seed));
    }
}
