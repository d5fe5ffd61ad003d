using System.Text.Json;

namespace Moderation.Training.Evaluation;

/// <summary>
/// predictions.jsonl: one line per evaluated row (id, source, language, true labels and family, the model's family
/// and category probabilities) for error analysis and notebooks; the figures in the report come from the same rows.
/// </summary>
public static class PredictionsFile
{
    public const string FileName = "predictions.jsonl";

    public static void Write(PredictionSet predictions, string path)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        var newline = "\n"u8.ToArray();
        foreach (var row in predictions.Rows)
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.Row.Id);
            writer.WriteString("source", row.Row.Source);
            writer.WriteString("lang", row.Row.Lang);
            writer.WriteString("family", row.Row.Family);
            writer.WriteStartArray("labels");
            foreach (var label in row.Row.Labels)
            {
                writer.WriteStringValue(label);
            }

            writer.WriteEndArray();
            writer.WriteString("predictedFamily", predictions.Families[row.PredictedFamily]);
            writer.WriteNumber("familyScore", row.FamilyProbabilities[row.PredictedFamily]);
            writer.WriteStartObject("categories");
            for (var c = 0; c < predictions.Categories.Count; c++)
            {
                writer.WriteNumber(predictions.Categories[c], row.CategoryProbabilities[c]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            stream.Write(newline);
            writer.Reset();
        }
    }
}
