using System.Text.Json.Nodes;
using Moderation.Bundles;
using Moderation.Datasets.Tokenization;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Inference.Tests;

/// <summary>Writes complete model bundles (manifest with sha256, labels, tokenizer, graph) into temporary folders.</summary>
internal static class TestBundles
{
    /// <summary>Short enough that a long review is truncated.</summary>
    public const int MaxTokens = 32;

    public static readonly string[] Corpus =
    [
        "Great seller, fast delivery, would buy again!",
        "The package arrived broken and nobody answered my messages.",
        "Terrible quality, do not buy this, it is a scam",
        "Продавец ответил быстро, спасибо за помощь.",
        "Товар пришёл вовремя, всё отлично работает.",
        "卖家回复很快，谢谢！质量很好。",
        "El vendedor respondió rápido, muy buen producto.",
        "Der Verkäufer war sehr freundlich und schnell.",
        "Call me at 555 0100 or write to me for a cheaper price",
        "Click this link to win a free phone now",
        "판매자가 빨리 답해줬어요 감사합니다",
        "ผู้ขายตอบเร็วมาก ขอบคุณ",
        "Le vendeur a répondu rapidement, merci beaucoup.",
        "Il prodotto è arrivato in ottime condizioni.",
    ];

    private static readonly Lazy<byte[]> TokenizerModel = new(() =>
    {
        var options = new UnigramTrainerOptions { VocabSize = 420, MaxSentences = 2000, SeedSize = 5000 };
        var texts = Enumerable.Range(0, 20).SelectMany(i => Corpus.Select(t => i % 2 == 0 ? t : t.ToLowerInvariant())).ToList();
        return SentencePieceModelWriter.Write(new UnigramTrainer(options).Train(texts), options);
    });

    public static int VocabularySize => XlmrTokenizer.Load(TokenizerModel.Value).VocabularySize;

    /// <summary>The tokenizer's model file, written once per test run.</summary>
    public static string TokenizerPath { get; } = WriteTokenizer();

    private static string WriteTokenizer()
    {
        var path = Path.Combine(TempDirectory(), BundleFiles.Tokenizer);
        File.WriteAllBytes(path, TokenizerModel.Value);
        return path;
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "moderation-inference-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A bundle of <see cref="MeanPoolGraph"/> with weights from <paramref name="seed"/>; the seed also names its version.</summary>
    public static string MeanPool(int seed, string? directory = null, CategoryThreshold? threshold = null) =>
        Write(MeanPoolGraph.Build(VocabularySize, Families.All.Count, Categories.All.Count, seed), $"seed{seed}", directory, threshold);

    public static string Write(byte[] graph, string runId, string? directory = null, CategoryThreshold? threshold = null)
    {
        var dir = directory ?? TempDirectory();
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, BundleFiles.Model), graph);
        File.WriteAllBytes(Path.Combine(dir, BundleFiles.Tokenizer), TokenizerModel.Value);
        var labels = new BundleLabels
        {
            Families = Families.All,
            Categories = Categories.All,
            Thresholds = Categories.All.ToDictionary(c => c, _ => threshold ?? CategoryThreshold.Default),
            MaxTokens = MaxTokens,
        };
        File.WriteAllText(Path.Combine(dir, BundleFiles.Labels), labels.ToJson());
        WriteManifest(dir, runId);
        return dir;
    }

    /// <summary>(Re)writes manifest.json with the sha256 of the files as they are now.</summary>
    public static void WriteManifest(string dir, string runId)
    {
        var createdAt = DateTimeOffset.UtcNow;
        var manifest = new BundleManifest
        {
            BundleVersion = $"{runId}-{Guid.NewGuid().ToString("N")[..6]}",
            CreatedAt = createdAt,
            RunId = runId,
            Files = BundleFiles.HashedIn(dir).ToDictionary(f => f, f => FileDigest.Sha256(Path.Combine(dir, f))),
            Config = new JsonObject { ["preset"] = "mean-pool-test" },
        };
        File.WriteAllText(Path.Combine(dir, BundleFiles.Manifest), manifest.ToJson());
    }

    public static string Version(string dir) => BundleManifest.FromJson(File.ReadAllText(Path.Combine(dir, BundleFiles.Manifest))).BundleVersion;
}
