using Moderation.Training.Checkpoints;
using Moderation.Training.Model;
using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Pretraining;

/// <summary>
/// The moderation model's encoder (<c>roberta.*</c>, MoE layers included, the same names <see cref="ModerationModel"/>
/// uses) with the <see cref="MaskedLmHead"/> (<c>lm_head.*</c>): what `moderation pretrain` trains and writes as a
/// Hugging Face-style checkpoint that `moderation train --base-model` loads.
/// </summary>
public sealed class MaskedLanguageModel : nn.Module<Tensor, Tensor, Tensor, MaskedLmOutput>
{
    /// <summary>The label of a position that is not predicted (cross-entropy's ignore index).</summary>
    public const long Ignored = -100;

    private readonly XlmrModel roberta;
    private readonly MaskedLmHead lmHead;

    public MaskedLanguageModel(XlmrConfig config)
        : base(nameof(MaskedLanguageModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchNativeLoader.EnsureLoaded();
        config.Validate();
        Config = config;
        roberta = new XlmrModel(config);
        lmHead = new MaskedLmHead(config);
        register_module("roberta", roberta);
        register_module("lm_head", lmHead);
        InitializeWeights();
    }

    public XlmrConfig Config { get; }

    /// <summary>
    /// XLM-R's initialisation (weights N(0, 0.02), biases 0, LayerNorm 1 and 0, padding rows 0) instead of TorchSharp's
    /// per-module defaults: with the decoder tied to N(0, 1) embeddings the first logits have a standard deviation near
    /// √hidden and the loss starts far above ln(V).
    /// </summary>
    private void InitializeWeights()
    {
        using var guard = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal) || name.EndsWith("layer_norm.weight", StringComparison.Ordinal))
            {
                parameter.fill_(1.0);
            }
            else if (parameter.dim() >= 2)
            {
                nn.init.normal_(parameter, 0, 0.02);
            }
            else
            {
                parameter.zero_();
            }
        }

        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("word_embeddings.weight", StringComparison.Ordinal) || name.EndsWith("position_embeddings.weight", StringComparison.Ordinal))
            {
                parameter[Config.PadTokenId].zero_();
            }
        }
    }

    /// <summary>Sets τ for training-time expert sampling in every MoE layer (0 = argmax), as fine-tuning does.</summary>
    public void SetRoutingTemperature(double temperature)
    {
        foreach (var moe in roberta.Encoder.Layers.Select(l => l.Moe).OfType<MoeFeedForward>())
        {
            moe.Router.Temperature = temperature;
        }
    }

    /// <param name="inputIds">[B, T] int64 with masked positions replaced.</param>
    /// <param name="attentionMask">[B, T], 1 for tokens and 0 for padding.</param>
    /// <param name="labels">[B, T] int64: the original id where a position is predicted, <see cref="Ignored"/> elsewhere.</param>
    public override MaskedLmOutput forward(Tensor inputIds, Tensor attentionMask, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var encoded = roberta.forward(inputIds, attentionMask, null);
        var predicted = labels.ne(Ignored);
        var hidden = encoded.Hidden.index(predicted);
        var targets = labels.index(predicted);
        var logits = lmHead.forward(hidden, roberta.Embeddings.WordEmbeddingWeight);
        var mlm = nn.functional.cross_entropy(logits, targets);
        var aux = MoeAuxiliaryLoss.Sum(encoded.Moe, Config.Moe, mlm.device);

        using var correct = logits.argmax(-1).eq(targets).to(ScalarType.Float32).sum();
        return new MaskedLmOutput(
            (mlm + aux).MoveToOuterDisposeScope(), mlm.item<float>(), correct.item<float>(), targets.shape[0]);
    }

    /// <summary>
    /// Writes <c>model.safetensors</c> with every tensor under its Hugging Face name (the tied decoder is not stored
    /// twice, as Hugging Face does), the config in the metadata as <see cref="ModerationModel"/> files carry it.
    /// </summary>
    public void Save(string path) =>
        SafetensorsFile.Save(path, state_dict(), new Dictionary<string, string> { ["moderation.config"] = Config.ToJson(), ["format"] = "pt" });

    /// <summary>Loads every tensor of a file written by <see cref="Save"/> (a pretraining checkpoint) into this same-shaped model.</summary>
    public void LoadWeights(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var state = state_dict();
        file.CopyInto(state, state.Keys);
    }
}

/// <summary>One forward pass: the loss to back-propagate (MLM + MoE auxiliary), and the MLM part alone with its accuracy.</summary>
public sealed record MaskedLmOutput(Tensor Loss, double MlmLoss, double Correct, long Predicted) : IDisposable
{
    public void Dispose() => Loss.Dispose();
}
