using Moderation.Taxonomy;

namespace Moderation.Training.Evaluation;

/// <summary>Chooses the reject and hold thresholds of one score on validation data (the contract in thresholds.json).</summary>
public static class ThresholdSelector
{
    /// <summary>Used when validation has no positives of the score to measure a threshold on: the default reject threshold.</summary>
    public const double FallbackReject = CategoryThreshold.DefaultReject;

    /// <summary>
    /// The reject threshold of a score no threshold makes precise enough: the model alone never rejects on it, so
    /// such texts go to the hold band (a person decides) rather than being refused on a guess.
    /// </summary>
    public const double NoAutoReject = 1.0;

    /// <summary>
    /// The hold band flags at most this many validation rows per positive: a weak score would otherwise reach its
    /// recall target only at a threshold that sends nearly every text to a person.
    /// </summary>
    public const double HoldBudgetPerPositive = 3.0;

    /// <summary>The hold band aims at this recall: what a human reviewer sees before a harmful review is published.</summary>
    public const double HoldRecall = 0.95;

    /// <summary>
    /// The lowest threshold whose precision reaches <paramref name="targetPrecision"/>: of all thresholds
    /// that are precise enough, it flags the most, so it has the best recall. <see cref="NoAutoReject"/> if none
    /// is, <see cref="FallbackReject"/> when there are no positives.
    /// </summary>
    public static double Reject(IReadOnlyList<double> scores, IReadOnlyList<bool> truth, double targetPrecision)
    {
        var curve = PrecisionRecallCurve.From(scores, truth);
        if (curve.Positives == 0)
        {
            return FallbackReject;
        }

        var reaching = curve.Points.Where(p => p.Precision >= targetPrecision && p.Recall > 0).ToArray();
        return reaching.Length == 0 ? NoAutoReject : reaching.Min(p => p.Threshold);
    }

    /// <summary>
    /// The highest threshold whose recall reaches <paramref name="targetRecall"/> (it holds the fewest clean rows),
    /// raised where needed so that no more than <paramref name="budgetPerPositive"/> rows per positive are flagged,
    /// and capped at <paramref name="reject"/> so the band [hold, reject) is never inverted.
    /// </summary>
    public static double Hold(
        IReadOnlyList<double> scores, IReadOnlyList<bool> truth, double reject,
        double targetRecall = HoldRecall, double budgetPerPositive = HoldBudgetPerPositive)
    {
        var curve = PrecisionRecallCurve.From(scores, truth);
        if (curve.Positives == 0)
        {
            return reject;
        }

        // Recall grows as the threshold falls, so the first point reaching the target has the highest threshold.
        var first = curve.Points.FirstOrDefault(p => p.Recall >= targetRecall);
        var hold = first == default ? curve.Points[^1].Threshold : first.Threshold;

        // The lowest threshold (tied scores enter together) that flags no more rows than the budget allows.
        var budget = budgetPerPositive * curve.Positives;
        var descending = scores.OrderByDescending(x => x).ToArray();
        double? withinBudget = null;
        for (var k = 0; k < descending.Length && k + 1 <= budget + 1e-9; k++)
        {
            if (k == descending.Length - 1 || descending[k + 1] != descending[k])
            {
                withinBudget = descending[k];
            }
        }

        // Not even the top scores fit the budget (a score that barely varies): no hold band.
        hold = withinBudget is { } floor ? Math.Max(hold, floor) : reject;
        return Math.Min(hold, reject);
    }
}
