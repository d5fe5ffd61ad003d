using Moderation.Text;
using Moderation.Training.Model;

namespace Moderation.Inference.Tests;

/// <summary>
/// The service on a bundle whose model takes character n-grams: the runtime hashes every row it scores (each window
/// and sentence of a long text) with the shared hasher and feeds the graph's second input, so its scores are
/// TorchSharp's; the bundle's load probe (TorchSharp logits written at export) passes only if the hashing agrees.
/// </summary>
public sealed class CharNgramBundleTests : IAsyncLifetime
{
    private static readonly CharNgramConfig Branch = new() { Buckets = 509, Dimension = 8 };

    private static readonly string[] Texts =
    [
        "Great seller, fast delivery, would buy again!",
        "Товар пришёл вовремя, всё отлично работает.",
        "卖家回复很快",
        "   ",
        // Longer than one 32-token window and of several sentences: windows and sentence rows each get their own n-grams.
        "The box arrived today. " + string.Join(' ', Enumerable.Repeat("Great seller, fast delivery.", 8)) + " Call me at 555 0100 for a cheaper price.",
    ];

    private ExportedModel model = null!;
    private InferenceServer server = null!;

    public async ValueTask InitializeAsync()
    {
        model = new ExportedModel(moe: true, seed: 13, charNgrams: Branch);
        server = await InferenceServer.StartAsync(model.Bundle, ("QueueCapacity", "100000"));
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        model.Dispose();
    }

    [Fact]
    public async Task Scores_are_TorchSharps_with_each_rows_ngrams_over_the_whole_text()
    {
        var response = await Moderate.PostAsync(server.Client, Texts);
        var ngramsMatter = false;
        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = model.CategoryProbabilities(Texts[i]);
            var scores = response.Results[i].Categories!;
            float[] served = [scores.Abuse, scores.Sexual, scores.Scam, scores.Spam, scores.PersonalInfo];
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.Equal(expected[c], served[c], 1e-4);
            }

            var blind = model.CategoryProbabilities(Texts[i], withoutNgrams: true);
            ngramsMatter |= expected.Zip(blind, (a, b) => Math.Abs(a - b)).Max() > 1e-3;
        }

        Assert.True(ngramsMatter, "the served scores should depend on the n-grams");
        var tokenizer = XlmrTokenizer.Load(TestBundles.TokenizerPath);
        Assert.True(TextSegmenter.Segment(tokenizer, TextNormalizer.Normalize(Texts[4]), new SegmentationPolicy(TestBundles.MaxTokens)).Rows.Count > 2);
    }

    [Fact]
    public async Task The_runtime_hashes_with_the_bundles_bucket_count_and_old_bundles_get_no_hasher()
    {
        var runtime = server.Holder.Current!;
        Assert.Equal(Branch.Buckets, runtime.Bundle.Labels.CharNgramBuckets);
        Assert.Equal(Branch.Buckets, runtime.Ngrams!.Buckets);

        await using var plain = await InferenceServer.StartAsync(TestBundles.MeanPool(3));
        Assert.Null(plain.Holder.Current!.Ngrams);
        var response = await Moderate.PostAsync(plain.Client, Texts);
        Assert.All(response.Results, r => Assert.NotNull(r.Categories));
    }
}
