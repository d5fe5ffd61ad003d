using System.Text.Json;

namespace Moderation.Training.Pretraining;

/// <summary>A pretraining loop's own state, saved in each checkpoint's state.json beside weights, optimiser and RNG.</summary>
public sealed record PretrainState
{
    /// <summary>Optimiser steps completed.</summary>
    public long Step { get; init; }
    /// <summary>Wall-clock seconds spent by all the run's sessions up to this checkpoint.</summary>
    public double ElapsedSeconds { get; init; }
    public IReadOnlyList<PretrainEvaluation> History { get; init; } = [];
    /// <summary>The running means of the current reporting window, so a resumed run reports what an unbroken one would.</summary>
    public double WindowLoss { get; init; }
    public double WindowCorrect { get; init; }
    public double WindowPredicted { get; init; }
    public int WindowSteps { get; init; }
    public required string TrackingUri { get; init; }
    public required string ExperimentId { get; init; }
    public required string RunId { get; init; }
    public int Sessions { get; init; } = 1;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PretrainState FromJson(string json) => JsonSerializer.Deserialize<PretrainState>(json, Json) ?? throw new InvalidDataException("empty state.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
