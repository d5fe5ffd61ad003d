namespace Moderation.Datasets.Sources;

/// <summary>A row as a source adapter yields it: raw text, resolved language code, categories and where it came from.</summary>
/// <param name="Original">For generated evasion rows: the raw text with the evasion characters, kept beside the cleaned text.</param>
public sealed record SourceRecord(string Text, string Lang, IReadOnlyList<string> Labels, string Location, string? Original = null);
