using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bench.Reporting;

/// <summary>
/// Writes one benchmark's results side by side: <c>NAME.json</c> (for tools and notebooks; indented, non-ASCII such as
/// × and τ kept readable, ending in a newline) and <c>NAME.md</c> (for people).
/// </summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>The Markdown and JSON paths written.</returns>
    public static IReadOnlyList<string> Write<T>(string directory, string name, T json, string markdown)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, name + ".json");
        var mdPath = Path.Combine(directory, name + ".md");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(json, Json) + "\n");
        File.WriteAllText(mdPath, markdown);
        return [mdPath, jsonPath];
    }
}
