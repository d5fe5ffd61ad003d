namespace Moderation.Training.Evaluation;

/// <summary>Chooses the reject and hold thresholds of one score on validation data (the contract in thresholds.json).</summary>
public static class ThresholdSelector
{
    /// <summary>Used when no threshold reaches the target (or there are no positives to measure).</summary>
    public const double FallbackReject = 0.5;

    /// <summary>The hold band aims at this recall: what a human reviewer sees before a harmful review is published.</summary>
    public const double HoldRecall = 0.95;

    /// <summary>
    /// The lowest threshold whose precision reaches <paramref name="targetPrecision"/>: of all thresholds
    /// that are precise enough, it flags the most, so it has the best recall. <see cref="FallbackReject"/> if none.
    /// </summary>
    public static double Reject(IReadOnlyList<double> scores, IReadOnlyList<bool> truth, double targetPrecision)
    {
        var curve = PrecisionRecallCurve.From(scores, truth);
        if (curve.Positives == 0)
        {
            return FallbackReject;
        }

        var reaching = curve.Points.Where(p => p.Precision >= targetPrecision && p.Recall > 0).ToArray();
        return reaching.Length == 0 ? FallbackReject : reaching.Min(p => p.Threshold);
    }

    /// <summary>
    /// The highest threshold whose recall reaches <paramref name="targetRecall"/> (it holds the fewest clean rows),
    /// capped at <paramref name="reject"/> so the band [hold, reject) is never inverted.
    /// </summary>
    public static double Hold(IReadOnlyList<double> scores, IReadOnlyList<bool> truth, double reject, double targetRecall = HoldRecall)
    {
        var curve = PrecisionRecallCurve.From(scores, truth);
        if (curve.Positives == 0)
        {
            return reject;
        }

        // Recall grows as the threshold falls, so the first point reaching the target has the highest threshold.
        var first = curve.Points.FirstOrDefault(p => p.Recall >= targetRecall);
        var hold = first == default ? curve.Points[^1].Threshold : first.Threshold;
        return Math.Min(hold, reject);
    }
}
