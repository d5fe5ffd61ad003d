using Moderation.Bundles;
using Moderation.Datasets.Tokenization;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Export;
using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Export;

/// <summary>
/// A small SentencePiece model trained here on reviews in several scripts, and a batch of texts of varied lengths
/// and languages tokenised by <see cref="XlmrTokenizer"/> the way inference will (normalise, &lt;s&gt; … &lt;/s&gt;, pad).
/// </summary>
public sealed class ExportFixture : IDisposable
{
    private static readonly string[] Corpus =
    [
        "The seller answered quickly, thanks a lot! Great product, fast delivery.",
        "Terrible quality, the box was broken and nobody answered my messages.",
        "Продавец ответил быстро, спасибо. Товар пришёл вовремя и без повреждений.",
        "Ужасное качество, коробка была сломана.",
        "البائع رد بسرعة، شكرا جزيلا. المنتج ممتاز",
        "卖家回复很快，谢谢！质量很好，物流也快。",
        "विक्रेता ने जल्दी जवाब दिया। बहुत अच्छा उत्पाद।",
        "ひらがなとカタカナのテストです。とても良い商品でした。",
        "판매자가 빨리 답해줬어요. 배송도 빨라요.",
        "El vendedor respondió rápido, ¡muchas gracias! Producto excelente.",
        "Der Verkäufer hat schnell geantwortet, vielen Dank. Sehr gute Qualität.",
        "Call me at 555 0100 or write to my email to get a better price, cheap cheap cheap",
    ];

    /// <summary>Varied lengths (one past the model's limit, truncated) and languages; one whitespace-only text.</summary>
    public static IReadOnlyList<string> Texts { get; } =
    [
        "Great product, fast delivery.",
        "Ужасное качество, коробка была сломана, а продавец не отвечал на сообщения целую неделю. Больше не куплю.",
        "卖家回复很快",
        "البائع رد بسرعة",
        "   ",
        "विक्रेता ने जल्दी जवाब दिया। बहुत अच्छा उत्पाद। " + string.Concat(Enumerable.Repeat("Der Verkäufer hat schnell geantwortet. ", 8)),
        "판매자가 빨리 답해줬어요 🙂",
    ];

    public ExportFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "moderation-export-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var options = new UnigramTrainerOptions { VocabSize = 400, MaxSentences = 1000, SeedSize = 5000 };
        var texts = Enumerable.Repeat(Corpus, 4).SelectMany(c => c).Select(TextNormalizer.Normalize).ToList();
        var model = new UnigramTrainer(options).Train(texts);
        TokenizerPath = Path.Combine(Directory, "tokenizer.model");
        File.WriteAllBytes(TokenizerPath, SentencePieceModelWriter.Write(model, options));
        Tokenizer = XlmrTokenizer.Load(TokenizerPath);
    }

    public string Directory { get; }
    public string TokenizerPath { get; }
    public XlmrTokenizer Tokenizer { get; }

    public static IReadOnlyList<string> FamilyNames => Families.All;
    public static IReadOnlyList<string> CategoryNames => Categories.All;

    /// <summary>
    /// A three-layer model over this tokenizer's vocabulary; layer 1 is MoE when <paramref name="moe"/> is set, and the
    /// dense layer after it lets every token's routing reach the &lt;s&gt; token the heads read.
    /// </summary>
    public XlmrConfig Config(MoeConfig? moe = null, LoraConfig? lora = null) => new()
    {
        VocabSize = Tokenizer.VocabularySize,
        HiddenSize = 32,
        NumLayers = 3,
        NumHeads = 4,
        IntermediateSize = 64,
        MaxPositions = 34,
        NumFamilies = FamilyNames.Count,
        NumCategories = CategoryNames.Count,
        HiddenDropout = 0,
        AttentionDropout = 0,
        Moe = moe ?? MoeConfig.Dense,
        Lora = lora,
    };

    /// <summary>[B, T] ids and mask for <see cref="Texts"/>, padded with &lt;pad&gt; to the longest; rows cut at maxTokens.</summary>
    public (long[] Ids, long[] Mask, int Rows, int Width) Encode(int maxTokens)
    {
        var rows = Texts.Select(t => Tokenizer.Encode(TextNormalizer.Normalize(t), maxTokens).Ids).ToArray();
        var width = rows.Max(r => r.Count);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        Array.Fill(ids, XlmrTokenizer.PadId);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var i = 0; i < rows[r].Count; i++)
            {
                ids[(r * width) + i] = rows[r][i];
                mask[(r * width) + i] = 1;
            }
        }

        return (ids, mask, rows.Length, width);
    }

    public (Tensor Ids, Tensor Mask) EncodeTensors(int maxTokens)
    {
        var (ids, mask, rows, width) = Encode(maxTokens);
        return (tensor(ids, [rows, width]), tensor(mask, [rows, width]));
    }

    /// <summary>Exports <paramref name="model"/> as a bundle with this fixture's tokenizer and the solution's label lists.</summary>
    public ModelBundle Export(ModerationModel model, string name, int opset = OnnxExporter.DefaultOpset) => BundleExporter.Export(new BundleSource
    {
        Model = model,
        TokenizerPath = TokenizerPath,
        Families = FamilyNames,
        Categories = CategoryNames,
        RunId = "0123456789abcdef0123456789abcdef",
    }, NewDirectory(name), opset);

    public string NewDirectory(string name)
    {
        var path = Path.Combine(Directory, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
