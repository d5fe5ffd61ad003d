using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>Self-attention followed by the output projection, dropout, residual and post-LayerNorm.</summary>
public sealed class XlmrAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly XlmrSelfAttention self;
    private readonly XlmrAttentionOutput output;

    public XlmrAttention(XlmrConfig config)
        : base(nameof(XlmrAttention))
    {
        self = new XlmrSelfAttention(config);
        output = new XlmrAttentionOutput(config);
        register_module("self", self);
        register_module("output", output);
    }

    /// <param name="hidden">[B, T, H].</param>
    /// <param name="additiveMask">[B, 1, 1, T].</param>
    /// <returns>[B, T, H].</returns>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var context = self.forward(hidden, additiveMask);
        return output.forward(context, hidden);
    }
}
