namespace Moderation.Training.Evaluation;

/// <summary>Counts of a yes/no decision against the truth, and the rates they give (null where a rate has no denominator).</summary>
public readonly record struct BinaryOutcome(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Positives => TruePositives + FalseNegatives;

    public int Predicted => TruePositives + FalsePositives;

    public double? Precision => Predicted == 0 ? null : (double)TruePositives / Predicted;

    public double? Recall => Positives == 0 ? null : (double)TruePositives / Positives;

    public double? F1 => Precision is { } p && Recall is { } r ? (p + r == 0 ? 0 : 2 * p * r / (p + r)) : null;

    /// <summary>Outcome of flagging every score at or above <paramref name="threshold"/>.</summary>
    public static BinaryOutcome At(IReadOnlyList<double> scores, IReadOnlyList<bool> truth, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(truth);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] >= threshold;
            if (flagged && truth[i])
            {
                tp++;
            }
            else if (flagged)
            {
                fp++;
            }
            else if (truth[i])
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new BinaryOutcome(tp, fp, fn, tn);
    }
}
