using System.Text.Json;
using System.Text.Json.Nodes;

namespace Moderation.Bundles;

/// <summary>
/// <c>manifest.json</c>: the bundle's version (what the service reports as modelVersion), the training run it came
/// from, the sha256 of every other file, the model config and the validation metrics.
/// </summary>
public sealed record BundleManifest
{
    public required string BundleVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string RunId { get; init; }
    /// <summary>File name → lower-case hex sha256.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
    public required JsonObject Config { get; init; }
    public JsonObject ValidationMetrics { get; init; } = [];

    /// <summary>"&lt;first 8 characters of the run id&gt;-&lt;yyyyMMddHHmmss&gt;" (UTC).</summary>
    public static string VersionFor(string runId, DateTimeOffset createdAt) =>
        $"{(runId.Length > 8 ? runId[..8] : runId)}-{createdAt.UtcDateTime:yyyyMMddHHmmss}";

    public string ToJson() => JsonSerializer.Serialize(this, BundleJson.Options);

    public static BundleManifest FromJson(string json) =>
        JsonSerializer.Deserialize<BundleManifest>(json, BundleJson.Options) ?? throw new JsonException("manifest.json is null");
}
