using Moderation.Training.Checkpoints;
using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// The moderation network: the XLM-R encoder (<c>roberta.*</c>, Hugging Face names) with MoE layers,
/// and the family/category heads (<c>heads.*</c>; see <see cref="ModerationHeads"/>).
/// </summary>
public sealed class ModerationModel : nn.Module<Tensor, Tensor, Tensor?, ModerationOutput>
{
    private const string ConfigKey = "moderation.config";
    private readonly XlmrModel roberta;
    private readonly ModerationHeads heads;

    public ModerationModel(XlmrConfig config)
        : base(nameof(ModerationModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchNativeLoader.EnsureLoaded();
        config.Validate();
        Config = config;
        roberta = new XlmrModel(config);
        heads = new ModerationHeads(config);
        register_module("roberta", roberta);
        register_module("heads", heads);
        SetRoutingTemperature(1.0);
    }

    public XlmrConfig Config { get; }

    internal XlmrModel Roberta => roberta;

    public IEnumerable<MoeFeedForward> MoeLayers => roberta.Encoder.Layers.Select(l => l.Moe).OfType<MoeFeedForward>();

    /// <param name="inputIds">[B, T] int64, padded with <see cref="XlmrConfig.PadTokenId"/>.</param>
    /// <param name="attentionMask">[B, T], 1 for tokens and 0 for padding.</param>
    /// <param name="tokenTypeIds">[B, T] int64 or null.</param>
    public override ModerationOutput forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds) => forward(inputIds, attentionMask, tokenTypeIds, null);

    /// <param name="inputIds">[B, T] int64, padded with <see cref="XlmrConfig.PadTokenId"/>.</param>
    /// <param name="attentionMask">[B, T], 1 for tokens and 0 for padding.</param>
    /// <param name="tokenTypeIds">[B, T] int64 or null.</param>
    /// <param name="ngrams">The rows' character n-grams [B, N]; required exactly when <see cref="XlmrConfig.CharNgrams"/> is set.</param>
    public ModerationOutput forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, NgramBatch? ngrams)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (!attentionMask.shape.SequenceEqual(inputIds.shape) || (tokenTypeIds is not null && !tokenTypeIds.shape.SequenceEqual(inputIds.shape)))
        {
            throw new ArgumentException("attention mask and token type ids must have the input ids' shape [batch, time]", nameof(attentionMask));
        }

        if (inputIds.dim() != 2 || inputIds.shape[1] > Config.MaxSequenceLength)
        {
            throw new ArgumentException($"input ids must be [batch, time] with time ≤ {Config.MaxSequenceLength}; got [{string.Join(", ", inputIds.shape)}]", nameof(inputIds));
        }

        using var scope = NewDisposeScope();
        var encoded = roberta.forward(inputIds, attentionMask, tokenTypeIds);
        var (family, categories) = heads.forward(encoded.Hidden, attentionMask, ngrams);
        var aux = MoeAuxiliaryLoss.Sum(encoded.Moe, Config.Moe, family.device);
        var balance = encoded.Moe.Sum(moe => (double)moe.LoadBalancingLoss.item<float>());

        return new ModerationOutput
        {
            FamilyLogits = family.MoveToOuterDisposeScope(),
            CategoryLogits = categories.MoveToOuterDisposeScope(),
            AuxLoss = aux.MoveToOuterDisposeScope(),
            LoadBalancing = encoded.Moe.Count == 0 ? 0 : balance / encoded.Moe.Count,
            Routing = encoded.Moe.Select(m => m.Stats).ToArray(),
        };
    }

    /// <summary>Sets τ for training-time expert sampling in every MoE layer (0 = argmax). Eval mode always uses argmax.</summary>
    public void SetRoutingTemperature(double temperature)
    {
        foreach (var moe in MoeLayers)
        {
            moe.Router.Temperature = temperature;
        }
    }

    /// <summary>True for parameters that train under LoRA: adapters, routers and heads.</summary>
    public static bool IsLoraTrainable(string name) =>
        IsLoraTensor(name) || name.Contains(".moe.router.", StringComparison.Ordinal) || name.StartsWith("heads.", StringComparison.Ordinal);

    /// <summary>Freezes the base: only LoRA adapters, routers and heads keep requires_grad. Needs a LoRA config.</summary>
    public void FreezeBaseForLora()
    {
        if (Config.Lora is null)
        {
            throw new InvalidOperationException("the model has no LoRA adapters (config.Lora is null)");
        }

        foreach (var (name, parameter) in named_parameters())
        {
            parameter.requires_grad = IsLoraTrainable(name);
        }
    }

    /// <summary>Total and trainable (requires_grad) parameter counts.</summary>
    public (long Total, long Trainable) ParameterCounts()
    {
        long total = 0, trainable = 0;
        foreach (var parameter in parameters())
        {
            total += parameter.numel();
            trainable += parameter.requires_grad ? parameter.numel() : 0;
        }

        return (total, trainable);
    }

    /// <summary>Folds every LoRA adapter into its base weight (for export).</summary>
    public void MergeLora()
    {
        foreach (var linear in modules().OfType<LoraLinear>())
        {
            linear.Merge();
        }
    }

    /// <summary>
    /// Saves config and all weights to one safetensors file. After <see cref="MergeLora"/> the adapters
    /// are already in the base weights, so the file is a plain model (no LoRA config, no adapter tensors).
    /// </summary>
    public void Save(string path)
    {
        var merged = modules().OfType<LoraLinear>().Any(l => l.Merged);
        var config = merged ? Config with { Lora = null } : Config;
        var tensors = state_dict().Where(kv => !merged || !IsLoraTensor(kv.Key));
        SafetensorsFile.Save(path, tensors, new Dictionary<string, string> { [ConfigKey] = config.ToJson() });
    }

    private static bool IsLoraTensor(string name) =>
        name.Contains(".lora_A.", StringComparison.Ordinal) || name.Contains(".lora_B.", StringComparison.Ordinal);

    /// <summary>Builds the model a <see cref="Save"/> file describes and loads its weights.</summary>
    public static ModerationModel Load(string path)
    {
        TorchNativeLoader.EnsureLoaded();
        using var file = SafetensorsFile.Open(path);
        if (!file.Metadata.TryGetValue(ConfigKey, out var json))
        {
            throw new InvalidDataException($"{path} has no model config ('{ConfigKey}' metadata): not a moderation checkpoint");
        }

        var model = new ModerationModel(XlmrConfig.FromJson(json));
        var state = model.state_dict();
        var missing = state.Keys.Except(file.Names).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"{path} lacks {missing.Length} tensors, e.g. {string.Join(", ", missing.Take(3))}");
        }

        model.CopyIn(file, state.Keys);
        return model;
    }

    /// <summary>Writes the adapter alone: LoRA A/B, routers and heads (what trains under LoRA).</summary>
    public void SaveAdapters(string path)
    {
        var adapters = named_parameters().Where(p => IsLoraTrainable(p.name)).ToDictionary(p => p.name, p => (Tensor)p.parameter);
        SafetensorsFile.Save(path, adapters, new Dictionary<string, string> { ["moderation.adapter"] = "lora", [ConfigKey] = Config.ToJson() });
    }

    /// <summary>Loads an adapter file written by <see cref="SaveAdapters"/> onto this (same-shaped) model.</summary>
    public void LoadAdapters(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var state = state_dict();
        var unknown = file.Names.Where(n => !state.ContainsKey(n) || !IsLoraTrainable(n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"{path} holds tensors this model has no adapter for, e.g. {string.Join(", ", unknown.Take(3))}");
        }

        CopyIn(file, file.Names);
    }

    /// <summary>Checks every shape first, then copies: a mismatch leaves the model untouched.</summary>
    private void CopyIn(SafetensorsFile file, IEnumerable<string> names) => file.CopyInto(state_dict(), names);
}
