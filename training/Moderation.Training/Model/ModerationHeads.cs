using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// Classification heads. The family head reads the &lt;s&gt; token through tanh(dense(h₀)), like RoBERTa's
/// classification head. The category head (one sigmoid per category) reads the same pooled vector, or with
/// <see cref="CategoryPooling.MeanMax"/> tanh(category_dense([masked mean; masked max])) over all real tokens.
/// With <see cref="XlmrConfig.CharNgrams"/> the n-gram bag b (<see cref="CharNgramBag"/>, <c>heads.ngrams.weight</c>) is
/// concatenated to both: family([pooled; b]) and categories([category input; b]), a linear term over the bag as in
/// fastText, so the branch adds evidence without passing through the encoder.
/// </summary>
public sealed class ModerationHeads : nn.Module<Tensor, Tensor, (Tensor Family, Tensor Categories)>
{
    private readonly Linear dense;
    private readonly Linear family;
    private readonly Linear categories;
    private readonly Linear? categoryDense;
    private readonly CharNgramBag? ngrams;
    private readonly Dropout dropout;

    public ModerationHeads(XlmrConfig config)
        : base(nameof(ModerationHeads))
    {
        ArgumentNullException.ThrowIfNull(config);
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        var bagWidth = config.CharNgrams?.Dimension ?? 0;
        family = nn.Linear(config.HiddenSize + bagWidth, config.NumFamilies);
        categories = nn.Linear(config.HiddenSize + bagWidth, config.NumCategories);
        dropout = nn.Dropout(config.HiddenDropout);
        register_module("dense", dense);
        register_module("family", family);
        register_module("categories", categories);
        register_module("dropout", dropout);
        if (config.CategoryPooling == CategoryPooling.MeanMax)
        {
            categoryDense = nn.Linear(2 * config.HiddenSize, config.HiddenSize);
            register_module("category_dense", categoryDense);
        }

        if (config.CharNgrams is not null)
        {
            ngrams = new CharNgramBag(config.CharNgrams);
            register_module("ngrams", ngrams);
        }
    }

    /// <param name="hidden">[B, T, H] encoder output.</param>
    /// <param name="attentionMask">[B, T], 1 for tokens and 0 for padding.</param>
    /// <returns>Family logits [B, F] and category logits [B, C].</returns>
    public override (Tensor Family, Tensor Categories) forward(Tensor hidden, Tensor attentionMask) => forward(hidden, attentionMask, null);

    /// <param name="hidden">[B, T, H] encoder output.</param>
    /// <param name="attentionMask">[B, T], 1 for tokens and 0 for padding.</param>
    /// <param name="ngramInput">[B, N] n-gram ids and mask; required exactly when the config has the n-gram branch.</param>
    public (Tensor Family, Tensor Categories) forward(Tensor hidden, Tensor attentionMask, NgramBatch? ngramInput)
    {
        if ((ngrams is null) != (ngramInput is null))
        {
            throw new ArgumentException(ngrams is null
                ? "this model has no character n-gram branch: pass no n-gram input"
                : "this model reads character n-grams (config char_ngrams): pass the rows' n-gram ids", nameof(ngramInput));
        }

        using var scope = NewDisposeScope();
        var first = hidden[.., 0, ..];                                     // [B, H]: the <s> token
        var pooled = dropout.forward(dense.forward(dropout.forward(first)).tanh());
        var categoryInput = categoryDense is null ? pooled : dropout.forward(categoryDense.forward(dropout.forward(MeanMax(hidden, attentionMask))).tanh());
        if (ngrams is not null)
        {
            var bag = ngrams.forward(ngramInput!.Ids, ngramInput.Mask);                // [B, D]
            pooled = cat([pooled, bag], 1);
            categoryInput = cat([categoryInput, bag], 1);
        }

        return (family.forward(pooled).MoveToOuterDisposeScope(), categories.forward(categoryInput).MoveToOuterDisposeScope());
    }

    /// <summary>[B, T, H] → [B, 2H]: the mean and the max over the tokens the mask marks real.</summary>
    private static Tensor MeanMax(Tensor hidden, Tensor attentionMask)
    {
        var valid = attentionMask.to_type(hidden.dtype).unsqueeze(-1);       // [B, T, 1]
        var mean = (hidden * valid).sum(1) / valid.sum(1).clamp_min(1);
        var max = hidden.masked_fill(valid.eq(0), float.MinValue).amax(1);
        return cat([mean, max], 1);
    }
}
