using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Moderation.Text;

namespace Moderation.Training.Training;

/// <summary>The contract files of a run directory besides run.json: labels.json, thresholds.json, the corpus hash.</summary>
public static class RunFiles
{
    public const string Config = "config.json";
    public const string Model = "model.safetensors";
    public const string Tokenizer = "tokenizer.model";
    public const string Labels = "labels.json";
    public const string Thresholds = "thresholds.json";
    public const string Options = "train-options.json";

    /// <summary>Thresholds of a run stopped before its validation evaluation: reject at 0.5, hold from 0.35.</summary>
    public const double DefaultReject = 0.5;
    public const double DefaultHold = 0.35;
    public const double TargetPrecision = 0.8;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Index order of the model's logits.</summary>
    public static void WriteLabels(string runDirectory)
    {
        var json = new JsonObject
        {
            ["families"] = new JsonArray([.. Families.All.Select(f => (JsonNode)f)]),
            ["categories"] = new JsonArray([.. Categories.All.Select(c => (JsonNode)c)]),
        };
        File.WriteAllText(Path.Combine(runDirectory, Labels), json.ToJsonString(Indented));
    }

    public static void WriteDefaultThresholds(string runDirectory, double targetPrecision = TargetPrecision)
    {
        JsonObject Pair() => new() { ["reject"] = DefaultReject, ["hold"] = DefaultHold };
        var categories = new JsonObject();
        foreach (var category in Categories.All)
        {
            categories[category] = Pair();
        }

        var json = new JsonObject
        {
            ["targetPrecision"] = targetPrecision,
            ["categories"] = categories,
            ["inappropriate"] = Pair(),
            ["source"] = "default (no validation evaluation yet)",
        };
        File.WriteAllText(Path.Combine(runDirectory, Thresholds), json.ToJsonString(Indented));
    }

    /// <summary>The corpus's identity: sha256 of its manifest.json (which itself lists each split's sha256), or null without one.</summary>
    public static string? CorpusSha256(string corpusDirectory)
    {
        var manifest = Path.Combine(corpusDirectory, "manifest.json");
        return File.Exists(manifest) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(manifest))) : null;
    }
}
