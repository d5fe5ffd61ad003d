using System.Text.Json.Serialization;

namespace Moderation.Datasets.Building;

/// <summary>manifest.json: counts, file hashes, builder version and sources. Contains no timestamps, so equal inputs give equal bytes.</summary>
public sealed record CorpusManifest
{
    [JsonPropertyName("builderVersion")] public required string BuilderVersion { get; init; }
    [JsonPropertyName("schema")] public IReadOnlyList<string> Schema { get; init; } = ["id", "text", "lang", "family", "labels", "inappropriate", "source", "split", "original?"];
    [JsonPropertyName("families")] public required IReadOnlyList<string> Families { get; init; }
    [JsonPropertyName("categories")] public required IReadOnlyList<string> Categories { get; init; }
    [JsonPropertyName("settings")] public required Sources.BuildSettings Settings { get; init; }
    [JsonPropertyName("sources")] public required IReadOnlyList<SourceReport> Sources { get; init; }
    [JsonPropertyName("counts")] public required CountTable Counts { get; init; }
    [JsonPropertyName("countsBySplit")] public required SortedDictionary<string, CountTable> CountsBySplit { get; init; }
    [JsonPropertyName("dropped")] public required SortedDictionary<string, SortedDictionary<string, int>> Dropped { get; init; }
    [JsonPropertyName("files")] public required SortedDictionary<string, FileEntry> Files { get; init; }
}

public sealed record SourceReport
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("origin")] public required string Origin { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("package")] public string? Package { get; init; }
    [JsonPropertyName("integrity")] public string? Integrity { get; init; }
    [JsonPropertyName("license")] public string? License { get; init; }
    [JsonPropertyName("provenance")] public string? Provenance { get; init; }
    [JsonPropertyName("rowsRead")] public int RowsRead { get; init; }
    [JsonPropertyName("rowsKept")] public int RowsKept { get; init; }
    /// <summary>Rows sampled beyond the cap for the train split only (before near-duplicate removal).</summary>
    [JsonPropertyName("rowsTrainOnly")] public int RowsTrainOnly { get; init; }
}

public sealed record CountTable
{
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("inappropriate")] public int Inappropriate { get; init; }
    [JsonPropertyName("origin")] public SortedDictionary<string, int> Origin { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("splits")] public SortedDictionary<string, int> Splits { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("families")] public SortedDictionary<string, int> Families { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("categories")] public SortedDictionary<string, int> Categories { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("categoriesByOrigin")] public SortedDictionary<string, int> CategoriesByOrigin { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("sources")] public SortedDictionary<string, int> Sources { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("languages")] public SortedDictionary<string, int> Languages { get; init; } = new(StringComparer.Ordinal);

    public static CountTable Of(IEnumerable<Corpus.CorpusRow> rows)
    {
        var table = new CountTable();
        var total = 0;
        var inappropriate = 0;
        foreach (var row in rows)
        {
            total++;
            var origin = row.IsSynthetic ? "synthetic" : "real";
            Bump(table.Origin, origin);
            Bump(table.Splits, row.Split);
            Bump(table.Families, row.Family);
            Bump(table.Sources, row.Source);
            Bump(table.Languages, row.Lang);
            if (row.Inappropriate)
            {
                inappropriate++;
            }

            foreach (var label in row.Labels.DefaultIfEmpty("none"))
            {
                Bump(table.Categories, label);
                Bump(table.CategoriesByOrigin, $"{label}/{origin}");
            }
        }

        return table with { Total = total, Inappropriate = inappropriate };
    }

    private static void Bump(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}

public sealed record FileEntry(
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256);
