using Moderation.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Pretraining;

/// <summary>
/// XLM-R's masked-language-model head under Hugging Face's names (<c>lm_head.dense</c>, <c>lm_head.layer_norm</c>,
/// <c>lm_head.bias</c>): dense → GELU → LayerNorm → a decoder that shares the token embedding matrix.
/// Tying the decoder to the embeddings is what makes pretraining teach the embeddings fine-tuning starts from.
/// </summary>
public sealed class MaskedLmHead : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm layerNorm;
    private readonly Parameter bias;

    public MaskedLmHead(XlmrConfig config)
        : base(nameof(MaskedLmHead))
    {
        ArgumentNullException.ThrowIfNull(config);
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        layerNorm = nn.LayerNorm([config.HiddenSize], eps: config.LayerNormEps);
        bias = nn.Parameter(zeros(config.VocabSize));
        register_module("dense", dense);
        register_module("layer_norm", layerNorm);
        register_parameter("bias", bias);
    }

    /// <param name="hidden">[M, H]: the encoder's states at the masked positions only (the vocabulary projection is the costly part).</param>
    /// <param name="embeddings">[V, H]: the token embedding matrix.</param>
    /// <returns>[M, V] logits over the vocabulary.</returns>
    public override Tensor forward(Tensor hidden, Tensor embeddings)
    {
        using var scope = NewDisposeScope();
        var x = layerNorm.forward(nn.functional.gelu(dense.forward(hidden)));
        return nn.functional.linear(x, embeddings, bias).MoveToOuterDisposeScope();
    }
}
