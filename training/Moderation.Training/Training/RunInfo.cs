using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Training.Training;

/// <summary>RUN_DIR/run.json: the run's identity (MLflow run id) and where it stands.</summary>
public sealed record RunInfo
{
    [JsonPropertyName("runId")] public required string RunId { get; init; }
    [JsonPropertyName("experimentId")] public required string ExperimentId { get; init; }
    [JsonPropertyName("trackingUri")] public required string TrackingUri { get; init; }
    [JsonPropertyName("preset")] public required string Preset { get; init; }
    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("step")] public long Step { get; init; }
    [JsonPropertyName("bestStep")] public long BestStep { get; init; }
    [JsonPropertyName("corpus")] public required string Corpus { get; init; }
    [JsonPropertyName("corpusSha256")] public string? CorpusSha256 { get; init; }
    [JsonPropertyName("stopReason")] public string? StopReason { get; init; }
    [JsonPropertyName("validation")] public ValidationResult? Validation { get; init; }

    public void Write(string runDirectory) => File.WriteAllText(Path.Combine(runDirectory, RunDirectory.RunFile), JsonSerializer.Serialize(this, Json));

    public static RunInfo Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, RunDirectory.RunFile);
        if (!File.Exists(path))
        {
            throw new TrainingSetupException($"{path} not found: not a run directory");
        }

        return JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(path), Json) ?? throw new TrainingSetupException($"{path} is empty");
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
