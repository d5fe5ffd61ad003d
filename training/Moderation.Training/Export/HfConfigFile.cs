using System.Text.Json;
using System.Text.Json.Nodes;
using Moderation.Text;
using Moderation.Training.Model;

namespace Moderation.Training.Export;

/// <summary>
/// A bundle's <c>config.json</c>: the model config in Hugging Face's layout, so tools that know XLM-R read the encoder's
/// shape by its usual names. It is <see cref="XlmrConfig.ToJson"/> (whose encoder fields already carry the HF names)
/// with the identity fields HF adds in front; the MoE (<c>moe</c>), LoRA (<c>lora</c>) and head fields
/// (<c>num_families</c>, <c>num_categories</c>, <c>category_pooling</c>) follow under their own names, so
/// <see cref="XlmrConfig.FromJson"/> reads the file back into the same config.
/// </summary>
public static class HfConfigFile
{
    public const string ModelType = "xlm-roberta";

    public static JsonObject Build(XlmrConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var json = new JsonObject
        {
            ["model_type"] = ModelType,
            // Not a transformers class: the MoE layers and the two heads are this model's own.
            ["architectures"] = new JsonArray(nameof(ModerationModel)),
            ["hidden_act"] = "gelu",
            ["position_embedding_type"] = "absolute",
            ["bos_token_id"] = XlmrTokenizer.BosId,
            ["eos_token_id"] = XlmrTokenizer.EosId,
        };
        foreach (var (name, value) in JsonNode.Parse(config.ToJson())!.AsObject())
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    public static void Write(XlmrConfig config, string path) =>
        File.WriteAllText(path, Build(config).ToJsonString(Indented));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
