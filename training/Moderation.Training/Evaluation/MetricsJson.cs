using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Training.Evaluation;

/// <summary>metrics.json: every figure of an <see cref="EvaluationResult"/>, snake_case keys.</summary>
public static class MetricsJson
{
    public const string FileName = "metrics.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(EvaluationResult result, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(result, Options));

    /// <summary>The headline figures of another model's metrics.json, for the comparison table.</summary>
    public static ComparisonRow ReadHeadline(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            return new ComparisonRow(
                root.TryGetProperty("model", out var model) ? model.GetString() ?? path : path,
                Number(root, "family_accuracy"),
                Number(root, "inappropriate_precision"),
                Number(root, "inappropriate_recall"),
                Nested(root, "all", "inappropriate", "average_precision"),
                Nested(root, "all", "family", "ece"),
                Number(root, "expert_load_cv"));
        }
        catch (JsonException e)
        {
            throw new EvaluationException($"{path}: not a metrics.json ({e.Message})", e);
        }
    }

    public static ComparisonRow Headline(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ComparisonRow(
            result.Model, result.FamilyAccuracy, result.InappropriatePrecision, result.InappropriateRecall,
            result.All.Inappropriate.AveragePrecision, result.All.Family.Ece, result.ExpertLoadCv);
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    private static double? Nested(JsonElement element, params string[] path)
    {
        foreach (var name in path[..^1])
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return Number(element, path[^1]);
    }
}
