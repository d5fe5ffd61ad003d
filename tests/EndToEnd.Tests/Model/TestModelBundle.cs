using Moderation.Bundles;
using Moderation.Datasets.Tokenization;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Export;
using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EndToEnd.Tests.Model;

/// <summary>
/// The model bundle the inference process serves, made the way the product makes one: a SentencePiece tokenizer
/// trained on the review texts, a small XLM-R + MoE moderation model trained briefly (full batch, AdamW, category
/// BCE) until it separates the texts' labels, thresholds placed between its scores, and <c>moderation export</c>'s
/// <see cref="BundleExporter"/> writing model.onnx, labels.json and a manifest with every file's sha256.
/// Built once per test run (a few seconds on two cores).
/// </summary>
public sealed class TestModelBundle
{
    private const int Seed = 20261201;
    private const int Steps = 150;

    private static readonly Lazy<Task<TestModelBundle>> Shared = new(() => Task.Run(Build));

    private TestModelBundle(string directory, IReadOnlyDictionary<string, CategoryThreshold> thresholds)
    {
        Directory = directory;
        Thresholds = thresholds;
    }

    /// <summary>The bundle folder (manifest.json, labels.json, model.onnx, tokenizer.model).</summary>
    public string Directory { get; }

    public IReadOnlyDictionary<string, CategoryThreshold> Thresholds { get; }

    public static Task<TestModelBundle> GetAsync() => Shared.Value;

    private static TestModelBundle Build()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("e2e-bundle-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(root, recursive: true);
        var texts = ReviewTexts.All;
        var tokenizerPath = Path.Combine(root, BundleFiles.Tokenizer);
        File.WriteAllBytes(tokenizerPath, TrainTokenizer(texts.Select(t => t.Text).ToList()));
        var tokenizer = XlmrTokenizer.Load(tokenizerPath);

        Moderation.Training.Native.TorchNativeLoader.EnsureLoaded();
        torch.set_num_threads(1);
        torch.manual_seed(Seed);
        var config = new XlmrConfig
        {
            VocabSize = tokenizer.VocabularySize,
            HiddenSize = 32,
            NumLayers = 2,
            NumHeads = 4,
            IntermediateSize = 64,
            MaxPositions = 130,
            NumFamilies = Families.All.Count,
            NumCategories = Categories.All.Count,
            HiddenDropout = 0,
            AttentionDropout = 0,
            // Capacity factor E: no token is ever dropped, so a text's scores never depend on its batch.
            Moe = new MoeConfig { NumExperts = 4, TopK = 2, CapacityFactor = 4 },
        };
        using var model = new ModerationModel(config);
        var ids = texts.Select(t => tokenizer.Encode(TextNormalizer.Normalize(t.Text), config.MaxSequenceLength).Ids).ToList();
        Train(model, ids, texts);

        model.eval();
        var scores = ids.Select(i => Score(model, i)).ToList();
        var thresholds = ThresholdPlacement.Place(texts, scores);
        var bundle = BundleExporter.Export(new BundleSource
        {
            Model = model,
            TokenizerPath = tokenizerPath,
            Families = Families.All,
            Categories = Categories.All,
            RunId = "e2e" + Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Thresholds = thresholds,
        }, Path.Combine(root, "bundle"));
        return new TestModelBundle(bundle.Directory, thresholds);
    }

    private static byte[] TrainTokenizer(List<string> texts)
    {
        var options = new UnigramTrainerOptions { VocabSize = 500, MaxSentences = 2000, SeedSize = 5000 };
        var corpus = Enumerable.Range(0, 10).SelectMany(_ => texts.Select(TextNormalizer.Normalize)).ToList();
        return SentencePieceModelWriter.Write(new UnigramTrainer(options).Train(corpus), options);
    }

    private static void Train(ModerationModel model, List<IReadOnlyList<int>> ids, IReadOnlyList<ReviewText> texts)
    {
        var length = ids.Max(i => i.Count);
        var input = new long[ids.Count * length];
        var mask = new long[ids.Count * length];
        Array.Fill(input, model.Config.PadTokenId);
        for (var row = 0; row < ids.Count; row++)
        {
            for (var t = 0; t < ids[row].Count; t++)
            {
                input[(row * length) + t] = ids[row][t];
                mask[(row * length) + t] = 1;
            }
        }

        var targets = texts.SelectMany(t => Categories.All.Select(c => t.Categories.Contains(c) ? 1f : 0f)).ToArray();
        using var inputIds = tensor(input, [ids.Count, length]);
        using var attention = tensor(mask, [ids.Count, length]);
        using var target = tensor(targets, [texts.Count, Categories.All.Count]);
        using var optimizer = optim.AdamW(model.parameters(), lr: 3e-3);
        model.train();
        for (var step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            using var output = model.forward(inputIds, attention, null);
            var loss = nn.functional.binary_cross_entropy_with_logits(output.CategoryLogits, target) + output.AuxLoss;
            loss.backward();
            optimizer.step();
        }
    }

    /// <summary>Category scores (sigmoid) of one text alone, as the service computes them.</summary>
    private static float[] Score(ModerationModel model, IReadOnlyList<int> ids)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Count]);
        using var output = model.forward(input, ones(1, ids.Count, dtype: int64), null);
        return sigmoid(output.CategoryLogits).data<float>().ToArray();
    }
}
