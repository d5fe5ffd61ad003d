using System.Globalization;

namespace Moderation.Training.Tracking;

/// <summary>
/// The flat YAML of MLflow's file-store <c>meta.yaml</c> files: one <c>key: value</c> per line, strings
/// single-quoted, numbers and <c>null</c> bare, keys sorted as MLflow's own writer emits them.
/// </summary>
internal static class MetaYaml
{
    public static string Write(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var lines = fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {Format(f.Value)}");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Reads the top-level scalars back (enough for the files this store writes).</summary>
    public static Dictionary<string, string?> Read(string path)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var raw = line[(colon + 1)..].Trim();
            result[line[..colon]] = raw switch
            {
                "null" or "" => null,
                _ when raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'' => raw[1..^1].Replace("''", "'", StringComparison.Ordinal),
                _ => raw,
            };
        }

        return result;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        EmptyList => "[]",
        _ => throw new ArgumentException($"meta.yaml cannot hold a {value.GetType().Name}"),
    };

    /// <summary>Marker for YAML's empty list (the run's legacy <c>tags: []</c>).</summary>
    public sealed class EmptyList
    {
        public static EmptyList Instance { get; } = new();
    }
}
