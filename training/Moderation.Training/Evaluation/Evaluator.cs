namespace Moderation.Training.Evaluation;

/// <summary>Turns a <see cref="PredictionSet"/> and the validation thresholds into every figure of the report.</summary>
public static class Evaluator
{
    /// <summary>PR curves in metrics.json are thinned to about this many points.</summary>
    private const int CurvePoints = 100;

    public static EvaluationResult Evaluate(
        PredictionSet predictions, Thresholds thresholds, string data, string split, string thresholdsSource, double baseRate = BaseRatePrecision.DefaultBaseRate)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(thresholds);
        var real = predictions.Rows.Where(r => !r.Row.IsSynthetic).ToArray();
        var synthetic = predictions.Rows.Where(r => r.Row.IsSynthetic).ToArray();
        return new EvaluationResult
        {
            Model = predictions.Model,
            Data = data,
            Split = split,
            Rows = predictions.Rows.Count,
            TargetPrecision = thresholds.TargetPrecision,
            ThresholdsSource = thresholdsSource,
            Thresholds = thresholds,
            All = Subset(predictions, predictions.Rows, thresholds),
            Real = real.Length == 0 ? null : Subset(predictions, real, thresholds),
            Synthetic = synthetic.Length == 0 ? null : Subset(predictions, synthetic, thresholds),
            ExpertLoad = predictions.Routing is null ? null : Load(predictions.Routing),
            Slices = SliceEvaluator.Slices(predictions, thresholds.TargetPrecision),
            BaseRates =
            [
                .. new[] { ("all", (IReadOnlyList<PredictedRow>)predictions.Rows), ("real", real), ("synthetic", synthetic) }
                    .Where(s => s.Item2.Count > 0)
                    .Select(s => SliceEvaluator.AtBaseRate(s.Item1, s.Item2, thresholds, predictions.Categories, baseRate)),
            ],
        };
    }

    public static SubsetMetrics Subset(PredictionSet set, IReadOnlyList<PredictedRow> rows, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(thresholds);
        var categories = new Dictionary<string, CategoryMetrics>(StringComparer.Ordinal);
        var pooledScores = new List<double>();
        var pooledTruth = new List<bool>();
        for (var c = 0; c < set.Categories.Count; c++)
        {
            var name = set.Categories[c];
            var scores = rows.Select(r => (double)r.CategoryProbabilities[c]).ToArray();
            var truth = rows.Select(r => r.Row.Labels.Contains(name)).ToArray();
            pooledScores.AddRange(scores);
            pooledTruth.AddRange(truth);
            var threshold = thresholds.For(name).Reject;
            var outcome = BinaryOutcome.At(scores, truth, threshold);
            var curve = PrecisionRecallCurve.From(scores, truth);
            categories[name] = new CategoryMetrics(
                outcome.Positives, threshold, outcome.Precision, outcome.Recall, outcome.F1,
                curve.AveragePrecision(), CalibrationError.Compute(scores, truth).Ece, Thin(curve));
        }

        return new SubsetMetrics(
            rows.Count,
            Family(set, rows),
            categories,
            CalibrationError.Compute(pooledScores, pooledTruth).Ece,
            Inappropriate(set, rows, thresholds));
    }

    private static FamilyMetrics Family(PredictionSet set, IReadOnlyList<PredictedRow> rows)
    {
        var index = set.Families.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        var matrix = new ConfusionMatrix(set.Families);
        var confidence = new List<double>(rows.Count);
        var correct = new List<bool>(rows.Count);
        foreach (var row in rows)
        {
            var predicted = row.PredictedFamily;
            confidence.Add(row.FamilyProbabilities[predicted]);
            if (index.TryGetValue(row.Row.Family, out var truth))
            {
                matrix.Add(truth, predicted);
                correct.Add(truth == predicted);
            }
            else
            {
                // A family the model has no output for is always wrong; it cannot sit in the matrix.
                correct.Add(false);
            }
        }

        var perFamily = new Dictionary<string, LabelMetrics>(StringComparer.Ordinal);
        for (var i = 0; i < set.Families.Count; i++)
        {
            var outcome = matrix.Outcome(i);
            if (outcome.Positives > 0 || outcome.Predicted > 0)
            {
                perFamily[set.Families[i]] = new LabelMetrics(outcome.Positives, outcome.Predicted, outcome.Precision, outcome.Recall, outcome.F1);
            }
        }

        var perLanguage = rows
            .GroupBy(r => r.Row.Lang, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new LanguageAccuracy(g.First().Row.Family, g.Count(), (double)g.Count(r => set.Families[r.PredictedFamily] == r.Row.Family) / g.Count()),
                StringComparer.Ordinal);
        var f1s = perFamily.Values.Where(m => m.Support > 0).Select(m => m.F1 ?? 0).ToArray();
        var (ece, bins) = CalibrationError.Compute(confidence, correct);
        return new FamilyMetrics(
            rows.Count == 0 ? null : (double)correct.Count(c => c) / rows.Count,
            f1s.Length == 0 ? null : f1s.Average(),
            ece,
            perLanguage,
            perFamily,
            set.Families,
            matrix.ToRows(),
            bins);
    }

    private static InappropriateMetrics Inappropriate(PredictionSet set, IReadOnlyList<PredictedRow> rows, Thresholds thresholds)
    {
        var scores = rows.Select(r => r.InappropriateScore).ToArray();
        var truth = rows.Select(r => r.Row.Inappropriate).ToArray();
        var outcome = BinaryOutcome.At(scores, truth, thresholds.Inappropriate.Reject);
        var curve = PrecisionRecallCurve.From(scores, truth);
        return new InappropriateMetrics(
            outcome.Positives,
            thresholds.Inappropriate.Reject,
            thresholds.Inappropriate.Hold,
            outcome.Precision,
            outcome.Recall,
            outcome.F1,
            curve.AveragePrecision(),
            CalibrationError.Compute(scores, truth).Ece,
            Thin(curve),
            Policy(set, rows, thresholds));
    }

    private static PolicyMetrics Policy(PredictionSet set, IReadOnlyList<PredictedRow> rows, Thresholds thresholds)
    {
        var pairs = set.Categories.Select(thresholds.For).ToArray();
        int tp = 0, fp = 0, held = 0, missed = 0, positives = 0;
        foreach (var row in rows)
        {
            var reject = row.RejectedBy(pairs);
            var hold = row.HeldBy(pairs);

            positives += row.Row.Inappropriate ? 1 : 0;
            if (reject)
            {
                tp += row.Row.Inappropriate ? 1 : 0;
                fp += row.Row.Inappropriate ? 0 : 1;
            }
            else if (hold)
            {
                held++;
            }
            else if (row.Row.Inappropriate)
            {
                missed++;
            }
        }

        var outcome = new BinaryOutcome(tp, fp, positives - tp, 0);
        return new PolicyMetrics(
            outcome.Precision,
            outcome.Recall,
            rows.Count == 0 ? 0 : (double)held / rows.Count,
            positives == 0 ? null : (double)missed / positives);
    }

    private static ExpertLoadMetrics Load(ExpertRouting routing)
    {
        var total = routing.Total();
        var cvs = total.Select(ExpertLoad.CoefficientOfVariation).ToArray();
        var known = cvs.Where(c => c is not null).Select(c => c!.Value).ToArray();
        return new ExpertLoadMetrics(
            routing.Layers,
            routing.Experts,
            known.Length == 0 ? null : known.Average(),
            cvs,
            [.. total.Select(ExpertLoad.Shares)],
            routing.ByLanguage.Keys.Order(StringComparer.Ordinal).ToDictionary(
                l => l, l => Pooled(routing.Total([l])), StringComparer.Ordinal),
            routing.ByLanguage.Keys.Order(StringComparer.Ordinal).ToDictionary(
                l => l, l => ExpertLoad.CoefficientOfVariation(routing.Total([l]).SelectMany(x => x).ToArray()), StringComparer.Ordinal));
    }

    /// <summary>Shares per expert over all MoE layers together (layer l's expert e is slot l·E + e).</summary>
    private static double[] Pooled(long[][] perLayer) => ExpertLoad.Shares([.. perLayer.SelectMany(x => x)]);

    private static IReadOnlyList<CurvePoint> Thin(PrecisionRecallCurve curve)
    {
        var points = curve.Points;
        if (points.Count <= CurvePoints)
        {
            return points;
        }

        var step = (double)(points.Count - 1) / (CurvePoints - 1);
        return [.. Enumerable.Range(0, CurvePoints).Select(k => points[(int)Math.Round(k * step)])];
    }
}
