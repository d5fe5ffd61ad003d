using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>The XLM-R encoder (<c>roberta.embeddings</c>, <c>roberta.encoder</c>), without pooler or LM head.</summary>
public sealed class XlmrModel : nn.Module<Tensor, Tensor, Tensor?, EncoderOutput>
{
    private readonly XlmrEmbeddings embeddings;
    private readonly XlmrEncoder encoder;

    public XlmrModel(XlmrConfig config)
        : base(nameof(XlmrModel))
    {
        embeddings = new XlmrEmbeddings(config);
        encoder = new XlmrEncoder(config);
        register_module("embeddings", embeddings);
        register_module("encoder", encoder);
    }

    public XlmrEncoder Encoder => encoder;

    internal XlmrEmbeddings Embeddings => embeddings;

    /// <param name="inputIds">[B, T] int64.</param>
    /// <param name="attentionMask">[B, T] (1 = token, 0 = padding), any numeric or bool dtype.</param>
    /// <param name="tokenTypeIds">[B, T] int64 or null.</param>
    public override EncoderOutput forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds)
    {
        using var valid = attentionMask.to(ScalarType.Bool);
        using var embedded = embeddings.forward(inputIds, tokenTypeIds);
        return encoder.forward(embedded, valid);
    }
}
