using Moderation.Training.Model;
using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests;

/// <summary>Small configurations and inputs that keep each test to a fraction of a second on a CPU.</summary>
internal static class TestModels
{
    public static XlmrConfig Tiny(bool moe = true, LoraConfig? lora = null, int topK = 1, double capacityFactor = 1.25, double dropout = 0.0) => new()
    {
        VocabSize = 100,
        HiddenSize = 32,
        NumLayers = 2,
        NumHeads = 4,
        IntermediateSize = 64,
        MaxPositions = 34,
        NumFamilies = 3,
        NumCategories = 5,
        HiddenDropout = dropout,
        AttentionDropout = dropout,
        Moe = moe ? new MoeConfig { NumExperts = 4, TopK = topK, CapacityFactor = capacityFactor } : MoeConfig.Dense,
        Lora = lora,
    };

    public static ModerationModel Build(XlmrConfig config, long seed = 7)
    {
        TorchNativeLoader.EnsureLoaded();
        // Test tensors are tiny: one intra-op thread avoids OpenMP hand-offs on a shared 2-core machine.
        torch.set_num_threads(1);
        torch.manual_seed(seed);
        var model = new ModerationModel(config);
        model.eval();
        return model;
    }

    /// <summary>[B, T] ids: &lt;s&gt;=0 … &lt;/s&gt;=2, then padding (1) up to the longest row.</summary>
    public static (Tensor Ids, Tensor Mask) Batch(params int[][] rows)
    {
        var width = rows.Max(r => r.Length) + 2;
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new long[width];
            Array.Fill(row, 1);
            row[0] = 0;
            for (var i = 0; i < rows[r].Length; i++)
            {
                row[i + 1] = rows[r][i];
            }

            row[rows[r].Length + 1] = 2;
            for (var i = 0; i < width; i++)
            {
                ids[(r * width) + i] = row[i];
                mask[(r * width) + i] = row[i] == 1 ? 0 : 1;
            }
        }

        return (tensor(ids, [rows.Length, width]), tensor(mask, [rows.Length, width]));
    }

    public static string TempFile(string name) =>
        Path.Combine(Path.GetTempPath(), "moderation-training-tests", Guid.NewGuid().ToString("N"), name);

    public static void AssertClose(Tensor expected, Tensor actual, double atol = 1e-5)
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected - actual).abs().max().item<float>();
        Assert.True(diff <= atol, $"max |difference| {diff} > {atol}");
    }
}
