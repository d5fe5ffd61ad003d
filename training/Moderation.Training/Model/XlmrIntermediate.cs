using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>GELU(dense(x)): the feed-forward up-projection, H → FFN.</summary>
public sealed class XlmrIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly LoraLinear dense;

    public XlmrIntermediate(XlmrConfig config, LoraConfig? lora)
        : base(nameof(XlmrIntermediate))
    {
        dense = new LoraLinear(config.HiddenSize, config.IntermediateSize, lora);
        register_module("dense", dense);
    }

    internal LoraLinear Dense => dense;

    /// <param name="x">[..., H].</param>
    /// <returns>[..., FFN].</returns>
    public override Tensor forward(Tensor x)
    {
        using var up = dense.forward(x);
        return nn.functional.gelu(up);
    }
}
