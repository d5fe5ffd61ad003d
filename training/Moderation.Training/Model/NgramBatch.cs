using Moderation.Text;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// The n-gram input of one batch as tensors, packed by <see cref="NgramRows"/>.
/// </summary>
public sealed class NgramBatch : IDisposable
{
    public NgramBatch(IReadOnlyList<int[]> rows, Device? device = null)
    {
        var (ids, mask, width) = NgramRows.Pack(rows);
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
