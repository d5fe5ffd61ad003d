using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// One MoE expert: dense₂(GELU(dense₁(x))), the same shape as the dense layer's FFN and named like it
/// (<c>intermediate.dense</c>, <c>output.dense</c>) so a dense checkpoint upcycles into it by renaming.
/// No residual or LayerNorm here: the layer applies those once after combining experts.
/// </summary>
public sealed class XlmrFeedForward : nn.Module<Tensor, Tensor>
{
    private readonly XlmrIntermediate intermediate;
    private readonly DownProjection output;

    public XlmrFeedForward(XlmrConfig config, LoraConfig? lora)
        : base(nameof(XlmrFeedForward))
    {
        intermediate = new XlmrIntermediate(config, lora);
        output = new DownProjection(config.IntermediateSize, config.HiddenSize, lora);
        register_module("intermediate", intermediate);
        register_module("output", output);
    }

    /// <param name="x">[N, H].</param>
    /// <returns>[N, H].</returns>
    public override Tensor forward(Tensor x)
    {
        using var hidden = intermediate.forward(x);
        return output.forward(hidden);
    }

    /// <summary>Holds the <c>dense</c> down-projection so its path reads <c>output.dense.weight</c>.</summary>
    private sealed class DownProjection : nn.Module<Tensor, Tensor>
    {
        private readonly LoraLinear dense;

        public DownProjection(long inFeatures, long outFeatures, LoraConfig? lora)
            : base(nameof(DownProjection))
        {
            dense = new LoraLinear(inFeatures, outFeatures, lora);
            register_module("dense", dense);
        }

        public override Tensor forward(Tensor x) => dense.forward(x);
    }
}
