using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Training.Evaluation;

/// <summary>labels.json of a run: the index order of the model's family and category logits.</summary>
public sealed record LabelsFile(
    [property: JsonPropertyName("families")] IReadOnlyList<string> Families,
    [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories)
{
    public static LabelsFile Default { get; } = new(Moderation.Taxonomy.Families.All, Moderation.Taxonomy.Categories.All);

    public static LabelsFile Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<LabelsFile>(File.ReadAllText(path))
                is { Families: not null, Categories: not null } labels
                ? labels
                : throw new EvaluationException($"{path}: expected {{\"families\": [...], \"categories\": [...]}}");
        }
        catch (JsonException e)
        {
            throw new EvaluationException($"{path}: not valid JSON ({e.Message})", e);
        }
    }

    public void Save(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
}
