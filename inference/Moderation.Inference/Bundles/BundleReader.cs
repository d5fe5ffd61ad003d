using System.Security.Cryptography;
using System.Text.Json;
using Moderation.Contracts;

namespace Moderation.Inference.Bundles;

/// <summary>Reads a bundle directory: manifest, sha256 of every listed file, labels.</summary>
public static class BundleReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BundleDescription Read(string directory)
    {
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir))
        {
            throw new BundleRefusedException($"bundle '{dir}' does not exist");
        }

        var manifest = Parse<ManifestFile>(Path.Combine(dir, "manifest.json"));
        if (string.IsNullOrWhiteSpace(manifest.BundleVersion) || manifest.Files is null)
        {
            throw new BundleRefusedException($"bundle '{dir}': manifest.json lacks bundleVersion or files");
        }

        foreach (var required in new[] { "model.onnx", "tokenizer.model", "labels.json" })
        {
            if (!manifest.Files.ContainsKey(required))
            {
                throw new BundleRefusedException($"bundle '{dir}': manifest.json lists no sha256 for {required}");
            }
        }

        foreach (var (name, expected) in manifest.Files)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
            {
                throw new BundleRefusedException($"bundle '{dir}': {name} is missing");
            }

            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new BundleRefusedException($"bundle '{dir}': sha256 of {name} is {actual}, manifest says {expected}");
            }
        }

        var labels = Parse<LabelsFile>(Path.Combine(dir, "labels.json"));
        if (labels.Families is not { Count: > 0 } || labels.Categories is not { Count: > 0 } || labels.Thresholds is null || labels.MaxTokens < 2)
        {
            throw new BundleRefusedException($"bundle '{dir}': labels.json needs families, categories, thresholds and maxTokens ≥ 2");
        }

        return new BundleDescription(dir, manifest.BundleVersion, manifest.RunId ?? "", manifest.CreatedAt,
            new BundleLabels(labels.Families, labels.Categories, labels.Thresholds, labels.MaxTokens));
    }

    private static T Parse<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new BundleRefusedException($"bundle file {path} is missing");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new BundleRefusedException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new BundleRefusedException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private sealed record ManifestFile(string? BundleVersion, string? RunId, DateTimeOffset? CreatedAt, Dictionary<string, string>? Files);

    private sealed record LabelsFile(List<string>? Families, List<string>? Categories, Dictionary<string, CategoryThreshold>? Thresholds, int MaxTokens);
}
