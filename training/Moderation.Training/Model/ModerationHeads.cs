using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// Classification heads on the &lt;s&gt; token's representation: tanh(dense(h₀)) like RoBERTa's
/// classification head, then a language-family softmax head and one sigmoid per category.
/// </summary>
public sealed class ModerationHeads : nn.Module<Tensor, (Tensor Family, Tensor Categories)>
{
    private readonly Linear dense;
    private readonly Linear family;
    private readonly Linear categories;
    private readonly Dropout dropout;

    public ModerationHeads(XlmrConfig config)
        : base(nameof(ModerationHeads))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        family = nn.Linear(config.HiddenSize, config.NumFamilies);
        categories = nn.Linear(config.HiddenSize, config.NumCategories);
        dropout = nn.Dropout(config.HiddenDropout);
        register_module("dense", dense);
        register_module("family", family);
        register_module("categories", categories);
        register_module("dropout", dropout);
    }

    /// <param name="hidden">[B, T, H] encoder output.</param>
    /// <returns>Family logits [B, F] and category logits [B, C].</returns>
    public override (Tensor Family, Tensor Categories) forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var first = hidden[.., 0, ..];                                     // [B, H]: the <s> token
        var pooled = dropout.forward(dense.forward(dropout.forward(first)).tanh());
        return (family.forward(pooled).MoveToOuterDisposeScope(), categories.forward(pooled).MoveToOuterDisposeScope());
    }
}
