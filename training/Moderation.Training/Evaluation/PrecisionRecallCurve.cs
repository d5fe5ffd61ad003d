namespace Moderation.Training.Evaluation;

/// <summary>One operating point: flag scores ≥ <see cref="Threshold"/>.</summary>
public readonly record struct CurvePoint(double Threshold, double Precision, double Recall);

/// <summary>
/// The precision–recall curve of a scorer: one point per distinct score, from the highest threshold down,
/// so tied scores enter together (a tie cannot be split by any threshold).
/// </summary>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(IReadOnlyList<CurvePoint> points, int positives)
    {
        Points = points;
        Positives = positives;
    }

    /// <summary>Points by descending threshold; recall is non-decreasing along the list.</summary>
    public IReadOnlyList<CurvePoint> Points { get; }

    public int Positives { get; }

    public static PrecisionRecallCurve From(IReadOnlyList<double> scores, IReadOnlyList<bool> truth)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(truth);
        if (scores.Count != truth.Count)
        {
            throw new ArgumentException("scores and truth differ in length", nameof(truth));
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var positives = truth.Count(t => t);
        var points = new List<CurvePoint>();
        int tp = 0, flagged = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            flagged++;
            tp += truth[i] ? 1 : 0;
            var lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[i];
            if (lastOfTie)
            {
                points.Add(new CurvePoint(scores[i], (double)tp / flagged, positives == 0 ? 0 : (double)tp / positives));
            }
        }

        return new PrecisionRecallCurve(points, positives);
    }

    /// <summary>
    /// Average precision, the step-wise area under the curve: Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the points
    /// (no interpolation). Null when there are no positives.
    /// </summary>
    public double? AveragePrecision()
    {
        if (Positives == 0)
        {
            return null;
        }

        double area = 0, previousRecall = 0;
        foreach (var point in Points)
        {
            area += (point.Recall - previousRecall) * point.Precision;
            previousRecall = point.Recall;
        }

        return area;
    }
}
