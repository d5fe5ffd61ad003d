using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// One post-LayerNorm transformer layer: attention sublayer, then the feed-forward sublayer, which is
/// either the dense FFN (<c>intermediate</c> + <c>output</c>, as in Hugging Face) or an MoE block
/// (<c>moe</c> + <c>output.LayerNorm</c>).
/// </summary>
public sealed class XlmrLayer : nn.Module<Tensor, Tensor, Tensor, LayerOutput>
{
    private readonly XlmrAttention attention;
    private readonly XlmrIntermediate? intermediate;
    private readonly MoeFeedForward? moe;
    private readonly XlmrOutput output;

    public XlmrLayer(XlmrConfig config, bool isMoe)
        : base(nameof(XlmrLayer))
    {
        attention = new XlmrAttention(config);
        register_module("attention", attention);
        if (isMoe)
        {
            moe = new MoeFeedForward(config);
            register_module("moe", moe);
        }
        else
        {
            intermediate = new XlmrIntermediate(config, lora: null);
            register_module("intermediate", intermediate);
        }

        output = new XlmrOutput(config, withDense: !isMoe, lora: null);
        register_module("output", output);
    }

    public MoeFeedForward? Moe => moe;

    /// <param name="hidden">[B, T, H].</param>
    /// <param name="additiveMask">[B, 1, 1, T].</param>
    /// <param name="valid">[B, T] bool.</param>
    public override LayerOutput forward(Tensor hidden, Tensor additiveMask, Tensor valid)
    {
        using var attended = attention.forward(hidden, additiveMask);
        if (moe is null)
        {
            using var up = intermediate!.forward(attended);
            return new LayerOutput(output.forward(up, attended), null);
        }

        var routed = moe.forward(attended, valid);
        using var experts = routed.Hidden;
        return new LayerOutput(output.forward(experts, attended), routed);
    }
}

/// <summary>A layer's hidden states [B, T, H] and, for an MoE layer, its router's losses and statistics.</summary>
public sealed record LayerOutput(Tensor Hidden, MoeOutput? Moe);
