using Moderation.Text;
using static TorchSharp.torch;

namespace Moderation.Training.Pretraining;

/// <summary>One padded, masked batch: inputs, attention mask and labels [B, T] (T = the longest row).</summary>
public sealed class MaskedBatch : IDisposable
{
    public MaskedBatch(IReadOnlyList<int[]> rows, TokenMasker masker, Random random, Device device)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(masker);
        var width = rows.Max(r => r.Length);
        var inputs = new long[rows.Count * width];
        var mask = new long[rows.Count * width];
        var labels = new long[rows.Count * width];
        Array.Fill(inputs, XlmrTokenizer.PadId);
        Array.Fill(labels, MaskedLanguageModel.Ignored);
        for (var r = 0; r < rows.Count; r++)
        {
            var (rowInputs, rowLabels) = masker.Mask(rows[r], random);
            Array.Copy(rowInputs, 0, inputs, r * width, rowInputs.Length);
            Array.Copy(rowLabels, 0, labels, r * width, rowLabels.Length);
            Array.Fill(mask, 1L, r * width, rowInputs.Length);
        }

        Inputs = tensor(inputs, [rows.Count, width], device: device);
        Mask = tensor(mask, [rows.Count, width], device: device);
        Labels = tensor(labels, [rows.Count, width], device: device);
    }

    public Tensor Inputs { get; }
    public Tensor Mask { get; }
    public Tensor Labels { get; }

    public void Dispose()
    {
        Inputs.Dispose();
        Mask.Dispose();
        Labels.Dispose();
    }
}
