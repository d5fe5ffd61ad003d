using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Moderation.Training.Model;

/// <summary>
/// Reads <see cref="XlmrConfig"/> under both its Hugging Face names and the names configs were written with before
/// (<c>num_layers</c>, <c>num_heads</c>, <c>max_positions</c>, <c>hidden_dropout</c>, <c>attention_dropout</c>), so
/// older checkpoints, runs and train-options.json files keep loading; writes the Hugging Face names only.
/// Registered in the options of every file that holds a config (not on the type, which would recurse).
/// </summary>
public sealed class XlmrConfigJsonConverter : JsonConverter<XlmrConfig>
{
    /// <summary>Earlier name → Hugging Face name.</summary>
    public static IReadOnlyDictionary<string, string> LegacyNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["num_layers"] = "num_hidden_layers",
        ["num_heads"] = "num_attention_heads",
        ["max_positions"] = "max_position_embeddings",
        ["hidden_dropout"] = "hidden_dropout_prob",
        ["attention_dropout"] = "attention_probs_dropout_prob",
    };

    private static readonly JsonSerializerOptions Plain = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public override XlmrConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject json)
        {
            throw new JsonException("a model config must be a JSON object");
        }

        foreach (var (legacy, current) in LegacyNames)
        {
            // The current name wins when a file holds both.
            if (json.TryGetPropertyValue(legacy, out var value))
            {
                json.Remove(legacy);
                if (!json.ContainsKey(current))
                {
                    json[current] = value;
                }
            }
        }

        return json.Deserialize<XlmrConfig>(Plain) ?? throw new JsonException("empty model config");
    }

    public override void Write(Utf8JsonWriter writer, XlmrConfig value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Plain);
}
