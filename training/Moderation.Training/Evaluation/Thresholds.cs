using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Taxonomy;

namespace Moderation.Training.Evaluation;

/// <summary>
/// thresholds.json: per-category and `inappropriate` (max category score) thresholds chosen on validation.
/// Action: reject if any category score ≥ its reject threshold, else hold if any ≥ its hold threshold, else allow.
/// </summary>
public sealed record Thresholds(
    [property: JsonPropertyName("targetPrecision")] double TargetPrecision,
    [property: JsonPropertyName("categories")] IReadOnlyDictionary<string, CategoryThreshold> Categories,
    [property: JsonPropertyName("inappropriate")] CategoryThreshold Inappropriate)
{
    /// <summary>Where the numbers came from; a run stopped before validation writes one starting with "default".</summary>
    [JsonPropertyName("source")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    /// <summary>
    /// When set, the category hold thresholds were chosen together by <see cref="Evaluation.HoldBudget"/>: at most this
    /// share of validation's clean people-written rows held or rejected. Null: each category's own rule (95% recall,
    /// at most 3 rows per positive).
    /// </summary>
    [JsonPropertyName("holdBudget")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HoldBudget { get; init; }

    /// <summary>True for placeholder thresholds that were never chosen on validation data.</summary>
    [JsonIgnore]
    public bool IsDefault => Source?.StartsWith("default", StringComparison.OrdinalIgnoreCase) == true;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Chooses every threshold on <paramref name="validation"/> predictions (the hold band under <paramref name="holdBudget"/> when given).</summary>
    public static Thresholds Choose(PredictionSet validation, double targetPrecision, double? holdBudget = null)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var categories = new Dictionary<string, CategoryThreshold>(StringComparer.Ordinal);
        for (var c = 0; c < validation.Categories.Count; c++)
        {
            var name = validation.Categories[c];
            var scores = validation.Rows.Select(r => (double)r.CategoryProbabilities[c]).ToArray();
            var truth = validation.Rows.Select(r => r.Row.Labels.Contains(name)).ToArray();
            categories[name] = Pair(scores, truth, targetPrecision);
        }

        var any = Pair(
            [.. validation.Rows.Select(r => r.InappropriateScore)],
            [.. validation.Rows.Select(r => r.Row.Inappropriate)],
            targetPrecision);
        if (holdBudget is not { } budget)
        {
            return new Thresholds(targetPrecision, categories, any) { Source = "chosen on validation" };
        }

        var reject = validation.Categories.Select(c => categories[c].Reject).ToArray();
        var hold = Evaluation.HoldBudget.Choose(validation.Rows, validation.Categories, reject, budget);
        var budgeted = validation.Categories.Select((c, i) => (c, new CategoryThreshold(reject[i], hold[i]))).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal);
        return new Thresholds(targetPrecision, budgeted, any with { Hold = Math.Min(any.Reject, hold.Min()) })
        {
            Source = "chosen on validation",
            HoldBudget = budget,
        };
    }

    private static CategoryThreshold Pair(double[] scores, bool[] truth, double targetPrecision)
    {
        var reject = ThresholdSelector.Reject(scores, truth, targetPrecision);
        return new CategoryThreshold(reject, ThresholdSelector.Hold(scores, truth, reject));
    }

    /// <summary>The category's pair, or the fallback when the file does not name it.</summary>
    public CategoryThreshold For(string category) =>
        Categories.TryGetValue(category, out var pair) ? pair : new CategoryThreshold(ThresholdSelector.FallbackReject, ThresholdSelector.FallbackReject);

    public static Thresholds Fallback(IEnumerable<string> categories, double targetPrecision)
    {
        var pair = new CategoryThreshold(ThresholdSelector.FallbackReject, ThresholdSelector.FallbackReject);
        return new Thresholds(targetPrecision, categories.ToDictionary(c => c, _ => pair, StringComparer.Ordinal), pair) { Source = "default 0.5" };
    }

    /// <summary>thresholds.json for evaluation: <see cref="Read"/>, and the <c>inappropriate</c> pair must be there.</summary>
    public static Thresholds Load(string path) =>
        Read(path) is { Inappropriate: not null } thresholds
            ? thresholds
            : throw new EvaluationException($"{path}: expected {{\"targetPrecision\", \"categories\", \"inappropriate\"}}");

    /// <summary>
    /// The one parser of thresholds.json (evaluation and export both read through it): a <c>categories</c> object whose
    /// every entry has numeric <c>reject</c> and <c>hold</c>. <c>inappropriate</c> may be absent here: export reads
    /// only the categories, <see cref="Load"/> requires it.
    /// </summary>
    public static Thresholds Read(string path)
    {
        Thresholds? thresholds;
        try
        {
            thresholds = JsonSerializer.Deserialize<Thresholds>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new EvaluationException($"{path}: not valid thresholds JSON, every category needs numeric 'reject' and 'hold' ({e.Message})", e);
        }

        if (thresholds is not { Categories: not null })
        {
            throw new EvaluationException($"{path}: expected {{\"targetPrecision\", \"categories\", \"inappropriate\"}}");
        }

        var empty = thresholds.Categories.FirstOrDefault(kv => kv.Value is null).Key;
        return empty is null
            ? thresholds
            : throw new EvaluationException($"{path}: every category needs numeric 'reject' and 'hold' ('{empty}' has none)");
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Indented));
}
