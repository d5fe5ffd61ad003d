using System.Text.Json.Serialization;

namespace Moderation.Datasets.Corpus;

/// <summary>
/// One corpus row, one JSON object per line in the split files. <see cref="Original"/> is present only for
/// evasion rows whose raw text differs from the normalised <see cref="Text"/> (zero-width characters etc.).
/// </summary>
public sealed record CorpusRow
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("lang")] public required string Lang { get; init; }
    [JsonPropertyName("family")] public required string Family { get; init; }
    [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }
    [JsonPropertyName("inappropriate")] public bool Inappropriate => Labels.Count > 0;
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("split")] public required string Split { get; init; }

    [JsonPropertyName("original")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Original { get; init; }

    /// <summary>Rows from the generator carry source "synthetic"; everything else is text written by people.</summary>
    [JsonIgnore] public bool IsSynthetic => Source == SyntheticSource;

    public const string SyntheticSource = "synthetic";
}
