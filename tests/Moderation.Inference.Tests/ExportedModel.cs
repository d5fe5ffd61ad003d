using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Export;
using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Inference.Tests;

/// <summary>
/// A small XLM-R moderation model in TorchSharp (random weights, LoRA with non-zero B, optionally MoE without
/// capacity drops; optionally with the character n-gram branch, its table far from its initialisation) exported with <c>moderation export</c>'s <see cref="BundleExporter"/> into a real bundle.
/// </summary>
internal sealed class ExportedModel : IDisposable
{
    public ExportedModel(bool moe, int seed, CharNgramConfig? charNgrams = null)
    {
        Moderation.Training.Native.TorchNativeLoader.EnsureLoaded();
        torch.set_num_threads(1);
        torch.manual_seed(seed);
        Config = new XlmrConfig
        {
            VocabSize = TestBundles.VocabularySize,
            HiddenSize = 32,
            NumLayers = 3,
            NumHeads = 4,
            IntermediateSize = 64,
            MaxPositions = TestBundles.MaxTokens + 2,
            NumFamilies = Families.All.Count,
            NumCategories = Categories.All.Count,
            HiddenDropout = 0,
            AttentionDropout = 0,
            // A capacity factor of E never drops a token, so routing cannot depend on the batch.
            Moe = moe ? new MoeConfig { NumExperts = 4, TopK = 2, CapacityFactor = 4 } : MoeConfig.Dense,
            Lora = new LoraConfig { Rank = 4, Alpha = 8, Dropout = 0 },
            CharNgrams = charNgrams,
        };
        Model = new ModerationModel(Config);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in Model.named_parameters().Where(p => p.name.Contains("lora_B", StringComparison.Ordinal)))
            {
                parameter.copy_(torch.randn_like(parameter) * 0.1);
            }

            if (charNgrams is not null)
            {
                Model.state_dict()["heads.ngrams.weight"].normal_(0, 1);
            }
        }

        Model.eval();
        Bundle = BundleExporter.Export(new BundleSource
        {
            Model = Model,
            TokenizerPath = TestBundles.TokenizerPath,
            Families = Families.All,
            Categories = Categories.All,
            RunId = (moe ? "moe" : "dense") + seed.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(8, '0'),
        }, Path.Combine(TestBundles.TempDirectory(), "bundle")).Directory;
    }

    public XlmrConfig Config { get; }

    public ModerationModel Model { get; }

    public string Bundle { get; }

    /// <summary>
    /// TorchSharp's category probabilities for one text scored whole, as the service does: each of its rows
    /// (windows and sentences, <see cref="TextSegmenter"/>) alone, the sigmoid's highest value per category.
    /// </summary>
    public float[] CategoryProbabilities(string text, bool withoutNgrams = false)
    {
        var tokenizer = Moderation.Text.XlmrTokenizer.Load(TestBundles.TokenizerPath);
        var ngrams = NgramSource.For(Config, tokenizer);
        var segments = TextSegmenter.Segment(tokenizer, TextNormalizer.Normalize(text), new SegmentationPolicy(TestBundles.MaxTokens));
        float[]? highest = null;
        foreach (var row in segments.Rows)
        {
            var ids = row.Ids.Select(i => (long)i).ToArray();
            using var scope = torch.NewDisposeScope();
            using var _ = torch.no_grad();
            // withoutNgrams: the branch fed an empty bag, for tests that show the n-grams matter.
            using var rowNgrams = ngrams is null ? null : withoutNgrams ? new NgramBatch([[]]) : ngrams.Batch([row.Ids]);
            using var output = Model.forward(tensor(ids, [1, ids.Length]), ones(1, ids.Length, dtype: int64), null, rowNgrams);
            var probabilities = output.CategoryLogits.sigmoid().data<float>().ToArray();
            highest = highest is null ? probabilities : [.. highest.Zip(probabilities, Math.Max)];
        }

        return highest!;
    }

    public void Dispose() => Model.Dispose();
}
