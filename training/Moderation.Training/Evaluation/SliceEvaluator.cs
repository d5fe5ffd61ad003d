namespace Moderation.Training.Evaluation;

/// <summary>
/// Per-source and per-language figures, rows written by people apart from generated rows, and precision at a
/// deployment base rate: the figures that show where a pooled number hides a failure.
/// </summary>
public static class SliceEvaluator
{
    /// <summary>Label name of "any category" in <see cref="SliceMetrics.Labels"/>.</summary>
    public const string Inappropriate = "inappropriate";

    public static IReadOnlyList<SliceMetrics> Slices(PredictionSet set, double targetPrecision)
    {
        ArgumentNullException.ThrowIfNull(set);
        var slices = new List<SliceMetrics>();
        foreach (var (origin, rows) in new[] { (SliceMetrics.People, set.Rows.Where(r => !r.Row.IsSynthetic)), (SliceMetrics.Generated, set.Rows.Where(r => r.Row.IsSynthetic)) })
        {
            var list = rows.ToList();
            foreach (var (kind, key) in new (string, Func<PredictedRow, string>)[] { (SliceMetrics.BySource, r => r.Row.Source), (SliceMetrics.ByLanguage, r => r.Row.Lang) })
            {
                slices.AddRange(list.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => Slice(set, origin, kind, g.Key, [.. g], targetPrecision)));
            }
        }

        return slices;
    }

    public static SliceMetrics Slice(PredictionSet set, string origin, string kind, string name, IReadOnlyList<PredictedRow> rows, double targetPrecision)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        var labels = new Dictionary<string, LabelSlice>(StringComparer.Ordinal)
        {
            [Inappropriate] = Label([.. rows.Select(r => r.InappropriateScore)], [.. rows.Select(r => r.Row.Inappropriate)], targetPrecision),
        };
        for (var c = 0; c < set.Categories.Count; c++)
        {
            var category = set.Categories[c];
            labels[category] = Label([.. rows.Select(r => (double)r.CategoryProbabilities[c])], [.. rows.Select(r => r.Row.Labels.Contains(category))], targetPrecision);
        }

        var correct = rows.Count(r => set.Families[r.PredictedFamily] == r.Row.Family);
        return new SliceMetrics(origin, kind, name, rows.Count, rows.Count == 0 ? null : (double)correct / rows.Count, labels);
    }

    /// <summary>The highest recall among operating points whose precision reaches the target; 0 when none does.</summary>
    public static double? RecallAt(PrecisionRecallCurve curve, double targetPrecision)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Positives == 0)
        {
            return null;
        }

        return curve.Points.Where(p => p.Precision >= targetPrecision).Select(p => p.Recall).DefaultIfEmpty(0).Max();
    }

    /// <summary>The subset's inappropriate precision (at its reject threshold, and the service's rule) at base rate <paramref name="rate"/>.</summary>
    public static BaseRatePrecision AtBaseRate(string subset, IReadOnlyList<PredictedRow> rows, Thresholds thresholds, IReadOnlyList<string> categories, double rate)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(categories);
        var pairs = categories.Select(thresholds.For).ToArray();
        int positives = 0, negatives = 0, tp = 0, fp = 0, policyTp = 0, policyFp = 0;
        foreach (var row in rows)
        {
            var truth = row.Row.Inappropriate;
            positives += truth ? 1 : 0;
            negatives += truth ? 0 : 1;
            if (row.InappropriateScore >= thresholds.Inappropriate.Reject)
            {
                tp += truth ? 1 : 0;
                fp += truth ? 0 : 1;
            }

            if (row.RejectedBy(pairs))
            {
                policyTp += truth ? 1 : 0;
                policyFp += truth ? 0 : 1;
            }
        }

        double? Ratio(int a, int b) => b == 0 ? null : (double)a / b;
        return new BaseRatePrecision(
            subset, rate, Ratio(positives, rows.Count),
            Ratio(tp, tp + fp), BaseRatePrecision.At(rate, Ratio(tp, positives), Ratio(fp, negatives)),
            Ratio(policyTp, policyTp + policyFp), BaseRatePrecision.At(rate, Ratio(policyTp, positives), Ratio(policyFp, negatives)));
    }

    private static LabelSlice Label(double[] scores, bool[] truth, double targetPrecision)
    {
        var curve = PrecisionRecallCurve.From(scores, truth);
        return new LabelSlice(curve.Positives, curve.AveragePrecision(), RecallAt(curve, targetPrecision));
    }
}
