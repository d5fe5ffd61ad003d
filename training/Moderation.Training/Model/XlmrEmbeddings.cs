using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// RoBERTa embeddings: word + position + token type, then LayerNorm and dropout.
/// Position ids count non-pad tokens and are offset by the padding index:
/// <c>cumsum(ids != pad) · (ids != pad) + pad</c>, so pads get position <c>pad</c> and the first real token <c>pad + 1</c>.
/// </summary>
public sealed class XlmrEmbeddings : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Embedding wordEmbeddings;
    private readonly Embedding positionEmbeddings;
    private readonly Embedding tokenTypeEmbeddings;
    private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;
    private readonly long padTokenId;

    public XlmrEmbeddings(XlmrConfig config)
        : base(nameof(XlmrEmbeddings))
    {
        padTokenId = config.PadTokenId;
        wordEmbeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId);
        positionEmbeddings = nn.Embedding(config.MaxPositions, config.HiddenSize, padding_idx: config.PadTokenId);
        tokenTypeEmbeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        layerNorm = nn.LayerNorm([config.HiddenSize], eps: config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropout);
        register_module("word_embeddings", wordEmbeddings);
        register_module("position_embeddings", positionEmbeddings);
        register_module("token_type_embeddings", tokenTypeEmbeddings);
        register_module("LayerNorm", layerNorm);
        register_module("dropout", dropout);
    }

    /// <summary>The token embedding matrix [V, H]; the masked-language-model head's decoder shares it (tied weights, as in XLM-R).</summary>
    internal Tensor WordEmbeddingWeight => wordEmbeddings.weight!;

    /// <summary>[B, T] int64 → [B, T] int64 position ids.</summary>
    public static Tensor PositionIds(Tensor inputIds, long padTokenId)
    {
        var mask = inputIds.ne(padTokenId).to(ScalarType.Int64);
        return (mask.cumsum(1) * mask) + padTokenId;
    }

    /// <param name="inputIds">[B, T] int64.</param>
    /// <param name="tokenTypeIds">[B, T] int64 or null (all zero).</param>
    /// <returns>[B, T, H].</returns>
    public override Tensor forward(Tensor inputIds, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var positions = PositionIds(inputIds, padTokenId);
        var types = tokenTypeIds ?? zeros_like(inputIds);
        var sum = wordEmbeddings.forward(inputIds) + positionEmbeddings.forward(positions) + tokenTypeEmbeddings.forward(types);
        return dropout.forward(layerNorm.forward(sum)).MoveToOuterDisposeScope();
    }
}
