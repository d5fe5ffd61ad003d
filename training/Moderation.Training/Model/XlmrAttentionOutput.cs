using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>LayerNorm(dropout(dense(context)) + residual); <c>dense</c> is LoRA-capable.</summary>
public sealed class XlmrAttentionOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LoraLinear dense;
    private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public XlmrAttentionOutput(XlmrConfig config)
        : base(nameof(XlmrAttentionOutput))
    {
        dense = new LoraLinear(config.HiddenSize, config.HiddenSize, config.Lora);
        layerNorm = nn.LayerNorm([config.HiddenSize], eps: config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropout);
        register_module("dense", dense);
        register_module("LayerNorm", layerNorm);
        register_module("dropout", dropout);
    }

    public override Tensor forward(Tensor context, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return layerNorm.forward(dropout.forward(dense.forward(context)) + residual).MoveToOuterDisposeScope();
    }
}
