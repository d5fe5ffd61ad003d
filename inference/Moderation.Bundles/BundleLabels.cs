using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Taxonomy;

namespace Moderation.Bundles;

/// <summary>
/// <c>labels.json</c>: the order of the model's output logits, the per-category thresholds and the longest input
/// (in tokens, including &lt;s&gt; and &lt;/s&gt;) the model accepts.
/// </summary>
public sealed record BundleLabels
{
    public required IReadOnlyList<string> Families { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyDictionary<string, CategoryThreshold> Thresholds { get; init; }
    public required int MaxTokens { get; init; }

    /// <summary>
    /// Set when the model takes character n-grams (inputs <c>char_ngram_ids</c>, <c>char_ngram_mask</c>): the bucket
    /// count the service hashes each row's text into (Moderation.Text's CharNgramHasher). Absent in older bundles: no n-gram input.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CharNgramBuckets { get; init; }

    /// <summary>Null when consistent, else what is wrong, in one sentence.</summary>
    public string? Problem()
    {
        if (Families is null || Families.Count == 0 || Categories is null || Categories.Count == 0)
        {
            return "families and categories must be non-empty lists";
        }

        if (Families.Distinct().Count() != Families.Count || Categories.Distinct().Count() != Categories.Count)
        {
            return "families and categories must not repeat";
        }

        if (MaxTokens < 2)
        {
            return $"maxTokens must be at least 2 (<s> and </s>), got {MaxTokens}";
        }

        if (CharNgramBuckets is < 1)
        {
            return $"charNgramBuckets must be at least 1, got {CharNgramBuckets}";
        }

        foreach (var category in Categories)
        {
            if (Thresholds is null || !Thresholds.TryGetValue(category, out var t))
            {
                return $"no threshold for category '{category}'";
            }

            if (t.Reject is < 0 or > 1 || t.Hold is < 0 or > 1 || t.Hold > t.Reject)
            {
                return $"category '{category}' needs 0 ≤ hold ≤ reject ≤ 1, got hold {t.Hold}, reject {t.Reject}";
            }
        }

        return null;
    }

    public string ToJson() => JsonSerializer.Serialize(this, BundleJson.Options);

    public static BundleLabels FromJson(string json) =>
        JsonSerializer.Deserialize<BundleLabels>(json, BundleJson.Options) ?? throw new JsonException("labels.json is null");
}
