using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>Multi-head scaled dot-product self-attention (query, key, value projections; LoRA-capable).</summary>
public sealed class XlmrSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LoraLinear query;
    private readonly LoraLinear key;
    private readonly LoraLinear value;
    private readonly Dropout dropout;
    private readonly int numHeads;
    private readonly int headDim;

    public XlmrSelfAttention(XlmrConfig config)
        : base(nameof(XlmrSelfAttention))
    {
        numHeads = config.NumHeads;
        headDim = config.HeadDim;
        query = new LoraLinear(config.HiddenSize, config.HiddenSize, config.Lora);
        key = new LoraLinear(config.HiddenSize, config.HiddenSize, config.Lora);
        value = new LoraLinear(config.HiddenSize, config.HiddenSize, config.Lora);
        dropout = nn.Dropout(config.AttentionDropout);
        register_module("query", query);
        register_module("key", key);
        register_module("value", value);
        register_module("dropout", dropout);
    }

    /// <param name="hidden">[B, T, H].</param>
    /// <param name="additiveMask">[B, 1, 1, T]: 0 for tokens, a large negative number for padding.</param>
    /// <returns>[B, T, H].</returns>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var (b, t) = (hidden.shape[0], hidden.shape[1]);
        Tensor Heads(Tensor x) => x.view(b, t, numHeads, headDim).transpose(1, 2); // [B, nh, T, hd]
        var q = Heads(query.forward(hidden));
        var k = Heads(key.forward(hidden));
        var v = Heads(value.forward(hidden));
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(headDim) + additiveMask; // [B, nh, T, T]
        var probs = dropout.forward(scores.softmax(-1));
        var context = probs.matmul(v).transpose(1, 2).contiguous().view(b, t, numHeads * headDim);
        return context.MoveToOuterDisposeScope();
    }
}
