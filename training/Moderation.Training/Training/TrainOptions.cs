using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Training.Model;

namespace Moderation.Training.Training;

/// <summary>
/// Everything a training run depends on. Written to RUN_DIR/train-options.json at the start, so
/// `--resume` continues with exactly the settings the run began with.
/// </summary>
public sealed record TrainOptions
{
    public required string Corpus { get; init; }
    public required string Out { get; init; }
    public string Preset { get; init; } = "tiny";
    public string? BaseModel { get; init; }
    public int LoraRank { get; init; }
    public string Device { get; init; } = "cpu";
    /// <summary>SentencePiece model; default: the corpus directory's tokenizer.model, else one trained on the corpus.</summary>
    public string? Tokenizer { get; init; }
    /// <summary>Vocabulary of a tokenizer trained here (only when none is given or found).</summary>
    public int VocabSize { get; init; } = 8000;

    /// <summary>Optimiser steps; 0 derives them from <see cref="Epochs"/>.</summary>
    public long MaxSteps { get; init; }
    public double Epochs { get; init; } = 3;
    public int BatchSize { get; init; } = 32;
    public int GradientAccumulation { get; init; } = 1;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Warm-up steps; negative means 6% of the run.</summary>
    public long WarmupSteps { get; init; } = -1;
    public double ClipNorm { get; init; } = 1.0;
    public double WeightDecay { get; init; } = 0.01;
    public long Seed { get; init; } = 42;

    public int EvalEvery { get; init; } = 250;
    public int CheckpointEvery { get; init; } = 500;
    public int KeepCheckpoints { get; init; } = 2;
    /// <summary>Validations without improvement of <see cref="SelectBy"/> before stopping; 0 never stops early.</summary>
    public int Patience { get; init; } = 5;
    /// <summary>The validation figure that picks the kept model (model.safetensors) and counts patience.</summary>
    public CheckpointMetric SelectBy { get; init; } = CheckpointMetric.PeopleAp;
    /// <summary>Wall-clock budget for this invocation; 0 = none. Reaching it ends the run as finished, with a checkpoint.</summary>
    public double MaxMinutes { get; init; }
    public int LogEvery { get; init; } = 10;

    /// <summary>Ablation: hold the router τ and the language T at their end values from step 0.</summary>
    public bool NoAnneal { get; init; }
    public double RouterTemperatureStart { get; init; } = 1.0;
    public double RouterTemperatureEnd { get; init; } = 0.1;
    public double LanguageTemperatureStart { get; init; } = 3.0;
    public double LanguageTemperatureEnd { get; init; } = 1.0;
    /// <summary>Switch load-balancing loss coefficient; null keeps the preset's (0.01).</summary>
    public double? MoeAuxLoss { get; init; }
    /// <summary>Weight each category's positives by negatives/positives in the train split (capped at 10) in the BCE.</summary>
    public bool BalanceCategories { get; init; }
    /// <summary>Weight of the category BCE against the family cross-entropy in the loss (1 = equal).</summary>
    public double CategoryLossWeight { get; init; } = 1.0;
    /// <summary>What the category head reads: the &lt;s&gt; token (as before) or the masked mean and max over all tokens.</summary>
    public CategoryPooling CategoryPooling { get; init; } = CategoryPooling.Cls;
    /// <summary>Decay of an exponential moving average of the weights that validation, the kept model and export use; 0 = off.</summary>
    public double EmaDecay { get; init; }
    /// <summary>Share of clean people-written validation rows the hold band may take (<see cref="Evaluation.HoldBudget"/>); null: each category's own rule.</summary>
    public double? HoldBudget { get; init; } = Evaluation.HoldBudget.Default;
    /// <summary>Probability that a training draw comes from the people-written rows of labelled sources; 0 = draw by language only.</summary>
    public double LabelledShare { get; init; }
    /// <summary>Adds the hashed character 1–5-gram branch (<see cref="CharNgramConfig"/>) beside the transformer; off by default.</summary>
    public bool CharNgrams { get; init; }
    /// <summary>Rows of the n-gram table when <see cref="CharNgrams"/> is on (default 65,536).</summary>
    public int CharNgramBuckets { get; init; } = new CharNgramConfig().Buckets;
    /// <summary>Width of each n-gram embedding when <see cref="CharNgrams"/> is on (default 16).</summary>
    public int CharNgramDimension { get; init; } = new CharNgramConfig().Dimension;
    public int BucketBatches { get; init; } = 32;
    public int EvalBatchSize { get; init; } = 128;
    /// <summary>Intra-op threads for libtorch; 0 leaves its default.</summary>
    public int Threads { get; init; }

    public string? TrackingUri { get; init; }
    public string Experiment { get; init; } = "moderation";
    public string? RunName { get; init; }

    /// <summary>Replaces the preset's shape (tests use a smaller model than `tiny`).</summary>
    public XlmrConfig? ModelOverride { get; init; }

    public TemperatureSchedule RouterSchedule(long totalSteps) => NoAnneal
        ? new TemperatureSchedule(RouterTemperatureEnd, RouterTemperatureEnd, Math.Max(1, totalSteps))
        : new TemperatureSchedule(RouterTemperatureStart, RouterTemperatureEnd, Math.Max(1, totalSteps), AnnealKind.Cosine);

    public TemperatureSchedule LanguageSchedule(long totalSteps) => NoAnneal
        ? new TemperatureSchedule(LanguageTemperatureEnd, LanguageTemperatureEnd, Math.Max(1, totalSteps))
        : new TemperatureSchedule(LanguageTemperatureStart, LanguageTemperatureEnd, Math.Max(1, totalSteps));

    public void Validate()
    {
        Require(XlmrConfig.PresetNames.Contains(Preset), $"unknown preset '{Preset}' (known: {string.Join(", ", XlmrConfig.PresetNames)})");
        Require(Device is "cpu" or "cuda", $"unknown device '{Device}' (known: cpu, cuda)");
        Require(CategoryLossWeight > 0 && double.IsFinite(CategoryLossWeight), "--category-loss-weight must be a positive number");
        Require(EmaDecay is >= 0 and < 1, "--ema-decay must be in [0, 1) (0 turns the average off)");
        Require(HoldBudget is null or (>= 0 and <= 1), "--hold-budget must be in [0, 1]");
        Require(LabelledShare is >= 0 and <= 1, "--labelled-share must be in [0, 1]");
        Require(BatchSize >= 1 && GradientAccumulation >= 1 && BucketBatches >= 1 && EvalBatchSize >= 1, "batch size, gradient accumulation and bucket size must be ≥ 1");
        Require(MaxSteps >= 0 && Epochs > 0, "--max-steps must be ≥ 0 and --epochs positive");
        Require(LearningRate > 0 && ClipNorm >= 0 && WeightDecay >= 0, "--lr must be positive, --clip and weight decay ≥ 0");
        Require(EvalEvery >= 1 && CheckpointEvery >= 1 && LogEvery >= 1 && KeepCheckpoints >= 1, "--eval-every, --checkpoint-every and the log interval must be ≥ 1");
        Require(Patience >= 0 && MaxMinutes >= 0 && LoraRank >= 0, "--patience, --max-minutes and --lora-rank must be ≥ 0");
        Require(RouterTemperatureStart >= 0 && RouterTemperatureEnd >= 0 && LanguageTemperatureStart > 0 && LanguageTemperatureEnd > 0, "temperatures must be positive (router τ may be 0)");
        Require(MoeAuxLoss is null or >= 0, "--moe-aux-loss must be ≥ 0");
        Require(VocabSize > 300, "--vocab-size must exceed 300");
        Require(CharNgramBuckets >= 1 && CharNgramDimension >= 1, "--char-ngram-buckets and --char-ngram-dim must be ≥ 1");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainOptions FromJson(string json) => JsonSerializer.Deserialize<TrainOptions>(json, Json) ?? throw new InvalidDataException("empty train-options.json");

    /// <summary>Flat key → value pairs for MLflow params.</summary>
    public IReadOnlyDictionary<string, string> AsParams()
    {
        using var doc = JsonDocument.Parse(ToJson());
        return doc.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Object)
            .ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new XlmrConfigJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TrainingSetupException(message);
        }
    }
}
