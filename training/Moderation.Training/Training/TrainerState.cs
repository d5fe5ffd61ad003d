using System.Text.Json;

namespace Moderation.Training.Training;

/// <summary>The loop's own state, saved in each checkpoint (state.json) beside model and optimiser.</summary>
public sealed record TrainerState
{
    /// <summary>Optimiser steps completed.</summary>
    public long Step { get; set; }
    public long TotalSteps { get; set; }
    public long BestStep { get; set; } = -1;
    public double BestValidationLoss { get; set; } = double.PositiveInfinity;
    /// <summary>The best validation's figure under the run's <see cref="CheckpointMetric"/> (higher is better).</summary>
    public double BestScore { get; set; } = double.NegativeInfinity;
    public int ValidationsWithoutImprovement { get; set; }
    public long TokensSeen { get; set; }
    public double ElapsedSeconds { get; set; }
    public bool EarlyStopped { get; set; }
    public ValidationResult? LastValidation { get; set; }
    public ValidationResult? BestValidation { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainerState FromJson(string json) => JsonSerializer.Deserialize<TrainerState>(json, Json) ?? throw new InvalidDataException("empty state.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };
}
