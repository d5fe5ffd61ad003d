using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// The n-gram input of one batch: ids and mask [B, N], N the most n-grams of any row (at least 1, so a batch of empty
/// rows still has a shape), padding id 0 under mask 0.
/// </summary>
public sealed class NgramBatch : IDisposable
{
    public NgramBatch(IReadOnlyList<int[]> rows, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var width = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Length));
        var ids = new long[rows.Count * width];
        var mask = new long[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < rows[r].Length; i++)
            {
                ids[(r * width) + i] = rows[r][i];
                mask[(r * width) + i] = 1;
            }
        }

        Width = width;
        IdValues = ids;
        MaskValues = mask;
        Ids = tensor(ids, [rows.Count, width], device: device);
        Mask = tensor(mask, [rows.Count, width], device: device);
    }

    public int Width { get; }

    /// <summary>The ids row-major, for feeding the same batch to ONNX Runtime.</summary>
    public long[] IdValues { get; }

    public long[] MaskValues { get; }

    public Tensor Ids { get; }

    public Tensor Mask { get; }

    public void Dispose()
    {
        Ids.Dispose();
        Mask.Dispose();
    }
}
