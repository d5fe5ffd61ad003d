using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Pretraining;

/// <summary>Everything a `moderation pretrain` run depends on; written into pretrain.json beside the checkpoint.</summary>
public sealed record PretrainOptions
{
    public required string Corpus { get; init; }
    public required string Out { get; init; }
    public string Preset { get; init; } = "tiny";
    /// <summary>SentencePiece model; default: the corpus's tokenizer.model, the one `moderation train` will use.</summary>
    public string? Tokenizer { get; init; }
    public string Device { get; init; } = "cpu";
    /// <summary>
    /// A finished or stopped `moderation pretrain` output to start from instead of random weights: continued pretraining
    /// with a fresh schedule (warm-up, decay over <see cref="MaxSteps"/>), for a run that already decayed to 0.
    /// </summary>
    public string? BaseModel { get; init; }
    public long MaxSteps { get; init; } = 10_000;
    /// <summary>Wall-clock budget; 0 = none. The learning rate still decays over <see cref="MaxSteps"/>.</summary>
    public double MaxMinutes { get; init; }
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Warm-up steps; negative means 6% of <see cref="MaxSteps"/>.</summary>
    public long WarmupSteps { get; init; } = -1;
    public double ClipNorm { get; init; } = 1.0;
    public double WeightDecay { get; init; } = 0.01;
    public double MaskRate { get; init; } = 0.15;
    public long Seed { get; init; } = 42;
    public int EvalEvery { get; init; } = 500;
    /// <summary>Validation-split rows whose masked-token loss is reported at each evaluation.</summary>
    public int EvalRows { get; init; } = 1024;
    public double RouterTemperatureStart { get; init; } = 1.0;
    public double RouterTemperatureEnd { get; init; } = 0.1;
    /// <summary>Switch load-balancing loss coefficient; null keeps the preset's.</summary>
    public double? MoeAuxLoss { get; init; }
    public int Threads { get; init; }
    /// <summary>Write a resumable checkpoint (weights, optimiser, RNG) every N steps; 0 = none.</summary>
    public int CheckpointEvery { get; init; } = 1000;
    /// <summary>Checkpoints kept (the newest).</summary>
    public int KeepCheckpoints { get; init; } = 2;
    /// <summary>A model shape instead of <see cref="Preset"/>'s (tests); `train` needs the same one to load the result.</summary>
    public XlmrConfig? ModelOverride { get; init; }
    public string? TrackingUri { get; init; }
    public string Experiment { get; init; } = "moderation-pretrain";
    public string? RunName { get; init; }

    public void Validate()
    {
        Require(MaxSteps > 0, "--max-steps must be positive");
        Require(MaxMinutes >= 0, "--max-minutes must be ≥ 0");
        Require(BatchSize > 0, "--batch-size must be positive");
        Require(LearningRate > 0, "--lr must be positive");
        Require(MaskRate is > 0 and < 1, "--mask-rate must be between 0 and 1 (exclusive)");
        Require(EvalEvery > 0, "--eval-every must be positive");
        Require(EvalRows >= 0, "--eval-rows must be ≥ 0");
        Require(Threads >= 0, "--threads must be ≥ 0");
        Require(CheckpointEvery >= 0, "--checkpoint-every must be ≥ 0");
        Require(KeepCheckpoints > 0, "--keep-checkpoints must be positive");
        Require(ClipNorm >= 0 && WeightDecay >= 0, "--clip and --weight-decay must be ≥ 0");
        try
        {
            _ = XlmrConfig.Preset(Preset);
        }
        catch (ArgumentException e)
        {
            throw new TrainingSetupException(e.Message);
        }
    }

    public TemperatureSchedule RouterSchedule() => new(RouterTemperatureStart, RouterTemperatureEnd, MaxSteps, AnnealKind.Cosine);

    public IReadOnlyDictionary<string, string> AsParams() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["preset"] = Preset,
        ["max_steps"] = Invariant(MaxSteps),
        ["max_minutes"] = Invariant(MaxMinutes),
        ["batch_size"] = Invariant(BatchSize),
        ["learning_rate"] = Invariant(LearningRate),
        ["mask_rate"] = Invariant(MaskRate),
        ["seed"] = Invariant(Seed),
        ["threads"] = Invariant(Threads),
        ["corpus"] = Path.GetFullPath(Corpus),
        ["base_model"] = BaseModel is null ? "" : Path.GetFullPath(BaseModel),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PretrainOptions FromJson(string json) =>
        JsonSerializer.Deserialize<PretrainOptions>(json, Json) ?? throw new InvalidDataException("empty pretrain-options.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new XlmrConfigJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TrainingSetupException(message);
        }
    }
}
