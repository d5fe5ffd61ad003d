using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Which categories explain a verdict, given the model's thresholds.</summary>
public static class VerdictCategories
{
    /// <summary>Categories at or above their hold threshold (the reasons to hold or reject).</summary>
    public static string[] Flagged(ReviewScores scores, IReadOnlyDictionary<string, CategoryThreshold> thresholds) =>
        [.. scores.ByCategory().Where(c => thresholds.TryGetValue(c.Category, out var t) && c.Score >= t.Hold).Select(c => c.Category)];

    /// <summary>
    /// Categories at or above their reject threshold. A reject always names at least one: should the thresholds
    /// not explain it (a bundle swapped mid-call), the highest-scoring category is named.
    /// </summary>
    public static string[] Rejected(ReviewScores scores, IReadOnlyDictionary<string, CategoryThreshold> thresholds)
    {
        string[] rejected = [.. scores.ByCategory().Where(c => thresholds.TryGetValue(c.Category, out var t) && c.Score >= t.Reject).Select(c => c.Category)];
        return rejected.Length > 0 ? rejected : [scores.ByCategory().MaxBy(c => c.Score).Category];
    }
}
