using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Training.Evaluation;

namespace Moderation.Training.Training;

/// <summary>
/// The run directory contract: what <c>moderation train</c> writes and export and evaluation read. Its file names are
/// defined here only: run.json (identity, status, validation metrics), config.json, model.safetensors (the best model),
/// tokenizer.model, labels.json (the logit order), thresholds.json (chosen on validation; optional for export) and
/// train-options.json. <see cref="Open"/> reads one for export: the run id, labels, thresholds (through
/// <see cref="Evaluation.Thresholds.Read"/>, the one parser of thresholds.json) and the validation metrics (run.json's
/// <c>validation</c> object, else the newest eval/*valid*/metrics.json, else none).
/// </summary>
public sealed record RunDirectory
{
    public const string RunFile = "run.json";
    public const string ConfigFile = "config.json";
    public const string ModelFile = "model.safetensors";
    public const string TokenizerFile = "tokenizer.model";
    public const string LabelsFile = "labels.json";
    public const string ThresholdsFile = "thresholds.json";
    public const string OptionsFile = "train-options.json";

    /// <summary>Thresholds of a run stopped before its validation evaluation: <see cref="CategoryThreshold.Default"/>.</summary>
    public const double DefaultReject = CategoryThreshold.DefaultReject;
    public const double DefaultHold = CategoryThreshold.DefaultHold;
    public const double TargetPrecision = 0.8;

    public required string Directory { get; init; }
    public required string RunId { get; init; }
    /// <summary>run.json's status (RUNNING, FINISHED, …); export takes the best model so far either way.</summary>
    public string? Status { get; init; }
    public required IReadOnlyList<string> Families { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    /// <summary>Per category; null when the run has no thresholds.json.</summary>
    public IReadOnlyDictionary<string, CategoryThreshold>? Thresholds { get; init; }
    public JsonObject ValidationMetrics { get; init; } = [];

    public string ModelPath => Path.Combine(Directory, ModelFile);
    public string TokenizerPath => Path.Combine(Directory, TokenizerFile);

    /// <summary>Throws <see cref="RunDirectoryException"/> naming the first missing or unreadable file.</summary>
    public static RunDirectory Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new RunDirectoryException($"run directory '{directory}' does not exist");
        }

        foreach (var file in new[] { RunFile, ConfigFile, ModelFile, TokenizerFile, LabelsFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new RunDirectoryException($"run directory '{directory}' lacks {file} (written by `moderation train`)");
            }
        }

        var run = ReadJson(directory, RunFile);
        var runId = Text(run["runId"]);
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new RunDirectoryException($"{RunFile} in '{directory}' has no runId");
        }

        var labels = ReadJson(directory, LabelsFile);
        return new RunDirectory
        {
            Directory = Path.GetFullPath(directory),
            RunId = runId,
            Status = Text(run["status"]),
            Families = Strings(labels, "families"),
            Categories = Strings(labels, "categories"),
            Thresholds = File.Exists(Path.Combine(directory, ThresholdsFile)) ? ReadThresholds(directory) : null,
            ValidationMetrics = run["validation"] is JsonObject validation ? validation.DeepClone().AsObject() : ReadValidationMetrics(directory),
        };
    }

    private static Dictionary<string, CategoryThreshold> ReadThresholds(string directory)
    {
        try
        {
            return Evaluation.Thresholds.Read(Path.Combine(directory, ThresholdsFile)).Categories
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }
        catch (EvaluationException e)
        {
            throw new RunDirectoryException(e.Message, e);
        }
    }

    /// <summary>labels.json: the index order of the model's logits (the taxonomy's).</summary>
    public static void WriteLabels(string runDirectory) =>
        Evaluation.LabelsFile.Default.Save(Path.Combine(runDirectory, LabelsFile));

    /// <summary>thresholds.json for a run not yet evaluated on validation: <see cref="DefaultReject"/> and <see cref="DefaultHold"/> everywhere.</summary>
    public static void WriteDefaultThresholds(string runDirectory, double targetPrecision = TargetPrecision)
    {
        var pair = CategoryThreshold.Default;
        var categories = Moderation.Taxonomy.Categories.All.ToDictionary(c => c, _ => pair, StringComparer.Ordinal);
        new Evaluation.Thresholds(targetPrecision, categories, pair) { Source = "default (no validation evaluation yet)" }
            .Save(Path.Combine(runDirectory, ThresholdsFile));
    }

    /// <summary>The corpus's identity: sha256 of its manifest.json (which itself lists each split's sha256), or null without one.</summary>
    public static string? CorpusSha256(string corpusDirectory)
    {
        var manifest = Path.Combine(corpusDirectory, "manifest.json");
        return File.Exists(manifest) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(manifest))) : null;
    }

    /// <summary>The newest eval/&lt;name&gt;/metrics.json whose name mentions validation; empty when there is none.</summary>
    private static JsonObject ReadValidationMetrics(string directory)
    {
        var eval = Path.Combine(directory, "eval");
        if (!System.IO.Directory.Exists(eval))
        {
            return [];
        }

        var newest = new DirectoryInfo(eval).EnumerateDirectories()
            .Where(d => d.Name.Contains("valid", StringComparison.OrdinalIgnoreCase) && File.Exists(Path.Combine(d.FullName, "metrics.json")))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d.FullName, "metrics.json")))
            .FirstOrDefault();
        return newest is null ? [] : ReadJson(newest.FullName, "metrics.json");
    }

    private static string[] Strings(JsonObject json, string key)
    {
        var values = (json[key] as JsonArray)?.Select(Text).ToArray();
        if (values is null || values.Length == 0 || values.Any(string.IsNullOrEmpty))
        {
            throw new RunDirectoryException($"{LabelsFile} needs a non-empty '{key}' list of names");
        }

        return values!;
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : throw new InvalidOperationException("not a number");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject ReadJson(string directory, string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file))) as JsonObject
                ?? throw new RunDirectoryException($"{file} in '{directory}' is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new RunDirectoryException($"{file} in '{directory}' is not valid JSON: {e.Message}", e);
        }
    }
}
