using System.Text.Json;
using Moderation.Bundles;
using Moderation.Text;
using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Export;

/// <summary>
/// Writes the bundle's <c>probe.json</c>: texts in several scripts and lengths (one past the token limit, one of
/// spaces) with the logits the TorchSharp model gives each alone, tokenised as the service does. The service runs
/// them before it serves the bundle, so a graph that drifts from the trained model is refused wherever it is loaded.
/// </summary>
public static class ProbeFile
{
    public static readonly IReadOnlyList<string> Texts =
    [
        "Great product, fast delivery, the seller answered every question.",
        "Ужасное качество, коробка была сломана.",
        "卖家回复很快，谢谢！",
        "البائع رد بسرعة، شكرا جزيلا",
        "Call me at +1 555 0100 or write to joe@example.com for a cheaper price",
        "   ",
        string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet", 200)),
    ];

    public static void Write(ModerationModel model, string tokenizerPath, int maxTokens, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tokenizer = XlmrTokenizer.Load(tokenizerPath);
        var family = new List<float[]>();
        var category = new List<float[]>();
        var wasTraining = model.training;
        model.eval();
        try
        {
            foreach (var text in Texts)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var ids = tokenizer.Encode(TextNormalizer.Normalize(text), maxTokens).Ids.Select(i => (long)i).ToArray();
                using var ngrams = NgramSource.For(model.Config, tokenizer)?.Batch([ids.Select(i => (int)i)]);
                var logits = model.forward(tensor(ids, [1, ids.Length]), ones([1, ids.Length], ScalarType.Int64), null, ngrams);
                family.Add(logits.FamilyLogits.detach().cpu().contiguous().data<float>().ToArray());
                category.Add(logits.CategoryLogits.detach().cpu().contiguous().data<float>().ToArray());
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(
            new { texts = Texts, familyLogits = family, categoryLogits = category }, new JsonSerializerOptions { WriteIndented = false }));
    }
}
