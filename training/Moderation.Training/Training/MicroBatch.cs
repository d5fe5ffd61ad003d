using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Training;

/// <summary>
/// One padded batch: ids and mask [B, T] (T = the longest row, so padding is per batch), family
/// indices [B] and category targets [B, C]; with an <see cref="NgramSource"/>, the rows' n-grams [B, N].
/// </summary>
public sealed class MicroBatch : IDisposable
{
    public MicroBatch(IReadOnlyList<TrainingExample> examples, Device device, NgramSource? ngrams = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        Examples = examples;
        var width = examples.Max(e => e.Ids.Length);
        var count = examples.Count;
        var ids = new long[count * width];
        var mask = new long[count * width];
        Array.Fill(ids, Moderation.Text.XlmrTokenizer.PadId);
        var categoryCount = examples[0].Categories.Length;
        var categories = new float[count * categoryCount];
        var families = new long[count];
        for (var r = 0; r < count; r++)
        {
            var example = examples[r];
            for (var t = 0; t < example.Ids.Length; t++)
            {
                ids[(r * width) + t] = example.Ids[t];
                mask[(r * width) + t] = 1;
            }

            Array.Copy(example.Categories, 0, categories, r * categoryCount, categoryCount);
            families[r] = example.Family;
            Tokens += example.Ids.Length;
        }

        Ids = tensor(ids, [count, width], device: device);
        Mask = tensor(mask, [count, width], device: device);
        Families = tensor(families, device: device);
        Categories = tensor(categories, [count, categoryCount], device: device);
        Ngrams = ngrams?.Batch(examples.Select(e => e.Ids), device);
    }

    public IReadOnlyList<TrainingExample> Examples { get; }
    public Tensor Ids { get; }
    public Tensor Mask { get; }
    public Tensor Families { get; }
    public Tensor Categories { get; }
    /// <summary>Null unless the model has the n-gram branch.</summary>
    public NgramBatch? Ngrams { get; }
    /// <summary>Real (unpadded) tokens in the batch.</summary>
    public long Tokens { get; }

    public void Dispose()
    {
        Ids.Dispose();
        Mask.Dispose();
        Families.Dispose();
        Categories.Dispose();
        Ngrams?.Dispose();
    }
}
