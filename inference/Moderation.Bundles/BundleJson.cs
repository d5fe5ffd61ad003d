using System.Text.Json;

namespace Moderation.Bundles;

/// <summary>JSON settings of the bundle files: camelCase, indented so a person can read a bundle.</summary>
public static class BundleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
