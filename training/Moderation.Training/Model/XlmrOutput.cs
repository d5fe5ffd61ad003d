using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// The feed-forward sublayer's end: LayerNorm(dropout(dense(h)) + residual). In an MoE layer the
/// experts do the down-projection, so this module keeps only the LayerNorm (still named
/// <c>layer.N.output.LayerNorm.*</c>, so it loads from a dense checkpoint).
/// </summary>
public sealed class XlmrOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LoraLinear? dense;
    private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public XlmrOutput(XlmrConfig config, bool withDense, LoraConfig? lora)
        : base(nameof(XlmrOutput))
    {
        if (withDense)
        {
            dense = new LoraLinear(config.IntermediateSize, config.HiddenSize, lora);
            register_module("dense", dense);
        }

        layerNorm = nn.LayerNorm([config.HiddenSize], eps: config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropout);
        register_module("LayerNorm", layerNorm);
        register_module("dropout", dropout);
    }

    /// <param name="hidden">[B, T, FFN] with dense, [B, T, H] without.</param>
    /// <param name="residual">[B, T, H].</param>
    /// <returns>[B, T, H].</returns>
    public override Tensor forward(Tensor hidden, Tensor residual)
    {
        using var scope = NewDisposeScope();
        var projected = dense is null ? hidden : dense.forward(hidden);
        return layerNorm.forward(dropout.forward(projected) + residual).MoveToOuterDisposeScope();
    }
}
