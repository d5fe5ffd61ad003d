using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Training.Baseline;

/// <summary>
/// baseline.json: what a baseline directory holds. Categories whose training rows were all one class get
/// no classifier; their constant probability is the training frequency (<see cref="ConstantCategories"/>).
/// </summary>
public sealed record BaselineManifest
{
    public const string FileName = "baseline.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("corpus")] public required string Corpus { get; init; }
    [JsonPropertyName("trainRows")] public required int TrainRows { get; init; }
    [JsonPropertyName("featurizer")] public required string Featurizer { get; init; }
    [JsonPropertyName("familyTrainer")] public required string FamilyTrainer { get; init; }
    [JsonPropertyName("categoryTrainer")] public required string CategoryTrainer { get; init; }
    [JsonPropertyName("trainedCategories")] public required IReadOnlyList<string> TrainedCategories { get; init; }
    [JsonPropertyName("constantCategories")] public required IReadOnlyDictionary<string, double> ConstantCategories { get; init; }
    [JsonPropertyName("trainSeconds")] public required double TrainSeconds { get; init; }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    public static BaselineManifest Load(string path) =>
        JsonSerializer.Deserialize<BaselineManifest>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty baseline manifest");
}
