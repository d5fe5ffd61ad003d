using Moderation.Training.Evaluation;

namespace Moderation.Training.Tests.Evaluation;

/// <summary>Each metric on hand-made predictions whose answers were worked out by hand.</summary>
public sealed class MetricTests
{
    // Six rows, three positives; worked by hand below.
    private static readonly double[] Scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    private static readonly bool[] Truth = [true, false, true, true, false, false];

    [Fact]
    public void Confusion_matrix_accuracy_and_per_label_precision_recall_f1()
    {
        var matrix = new ConfusionMatrix(["a", "b", "c"]);
        foreach (var (truth, predicted) in new[] { (0, 0), (0, 1), (1, 1), (1, 1), (2, 0), (2, 2) })
        {
            matrix.Add(truth, predicted);
        }

        Assert.Equal([[1, 1, 0], [0, 2, 0], [1, 0, 1]], matrix.ToRows());
        Assert.Equal(4.0 / 6, matrix.Accuracy()!.Value, 12);

        var a = matrix.Outcome(0);
        Assert.Equal(new BinaryOutcome(1, 1, 1, 3), a);
        Assert.Equal(0.5, a.Precision!.Value, 12);
        Assert.Equal(0.5, a.Recall!.Value, 12);
        Assert.Equal(0.5, a.F1!.Value, 12);

        var b = matrix.Outcome(1);
        Assert.Equal(2.0 / 3, b.Precision!.Value, 12);
        Assert.Equal(1.0, b.Recall!.Value, 12);
        Assert.Equal(0.8, b.F1!.Value, 12);

        var c = matrix.Outcome(2);
        Assert.Equal(1.0, c.Precision!.Value, 12);
        Assert.Equal(0.5, c.Recall!.Value, 12);
        Assert.Equal(2.0 / 3, c.F1!.Value, 12);
    }

    [Fact]
    public void Precision_is_undefined_when_nothing_is_flagged()
    {
        var outcome = BinaryOutcome.At(Scores, Truth, threshold: 0.95);
        Assert.Null(outcome.Precision);
        Assert.Equal(0.0, outcome.Recall);
        Assert.Null(outcome.F1);
    }

    [Fact]
    public void Average_precision_matches_the_hand_computed_sum()
    {
        // Points (P, R): (1, 1/3) (1/2, 1/3) (2/3, 2/3) (3/4, 1) (3/5, 1) (1/2, 1).
        // AP = 1/3·1 + 0·1/2 + 1/3·2/3 + 1/3·3/4 + 0 + 0 = 29/36.
        var curve = PrecisionRecallCurve.From(Scores, Truth);
        Assert.Equal(6, curve.Points.Count);
        Assert.Equal(new CurvePoint(0.7, 2.0 / 3, 2.0 / 3), curve.Points[2]);
        Assert.Equal(29.0 / 36, curve.AveragePrecision()!.Value, 12);
    }

    [Fact]
    public void Tied_scores_enter_the_curve_together()
    {
        // 0.9 → (1, 1/2); the tie at 0.5 adds one positive and one negative → (2/3, 1); AP = 1/2·1 + 1/2·2/3.
        var curve = PrecisionRecallCurve.From([0.9, 0.5, 0.5, 0.1], [true, true, false, false]);
        Assert.Equal(3, curve.Points.Count);
        Assert.Equal((0.5 * 1) + (0.5 * 2.0 / 3), curve.AveragePrecision()!.Value, 12);
        Assert.Null(PrecisionRecallCurve.From([0.3, 0.2], [false, false]).AveragePrecision());
    }

    [Fact]
    public void Reject_threshold_is_the_lowest_reaching_the_target_precision()
    {
        // Precision by threshold: 0.9→1, 0.8→1/2, 0.7→2/3, 0.6→3/4, 0.5→3/5, 0.4→1/2.
        Assert.Equal(0.9, ThresholdSelector.Reject(Scores, Truth, 0.8));
        Assert.Equal(0.6, ThresholdSelector.Reject(Scores, Truth, 0.7));
        Assert.Equal(0.4, ThresholdSelector.Reject(Scores, Truth, 0.5));
    }

    [Fact]
    public void Reject_threshold_falls_back_when_no_threshold_is_precise_enough()
    {
        // Positives exist but no threshold is precise enough: the model never rejects on this score alone.
        Assert.Equal(ThresholdSelector.NoAutoReject, ThresholdSelector.Reject([0.9, 0.8, 0.1], [false, false, true], 0.8));
        // Nothing to measure on: the default.
        Assert.Equal(ThresholdSelector.FallbackReject, ThresholdSelector.Reject([0.9, 0.1], [false, false], 0.8));
    }

    [Fact]
    public void Hold_threshold_reaches_the_recall_target_and_never_exceeds_reject()
    {
        // Recall reaches 1 (≥ 0.95) first at 0.6; the band is [0.6, 0.9).
        Assert.Equal(0.6, ThresholdSelector.Hold(Scores, Truth, reject: 0.9));
        // Recall 2/3 is enough for a 0.6 target: the highest threshold reaching it is 0.7.
        Assert.Equal(0.7, ThresholdSelector.Hold(Scores, Truth, reject: 0.9, targetRecall: 0.6));
        // Capped: a reject threshold below the recall point wins.
        Assert.Equal(0.5, ThresholdSelector.Hold(Scores, Truth, reject: 0.5));
    }

    [Fact]
    public void Hold_threshold_is_raised_until_the_band_flags_at_most_its_budget_of_rows_per_positive()
    {
        // One positive scored low among many clean rows: 95% recall needs 0.1, which flags all 8 rows.
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.1];
        bool[] truth = [true, false, false, false, false, false, false, true];
        Assert.Equal(0.1, ThresholdSelector.Hold(scores, truth, reject: 1.0, budgetPerPositive: 4));
        // Three rows per positive (2 positives → 6 rows): the band starts at the sixth score, 0.4.
        Assert.Equal(0.4, ThresholdSelector.Hold(scores, truth, reject: 1.0, budgetPerPositive: 3));
        // Ties enter together: four rows tied at the top exceed a budget of 2 → no point fits, no hold band.
        Assert.Equal(0.95, ThresholdSelector.Hold([0.5, 0.5, 0.5, 0.5], [true, false, false, false], reject: 0.95, budgetPerPositive: 2));
    }

    [Fact]
    public void Expected_calibration_error_over_fifteen_bins()
    {
        // 0.95 → bin 14 (conf 0.95, accuracy 1/2); 0.55 → bin 8 (conf 0.55, accuracy 1). ECE = ½·0.45 + ½·0.45.
        var (ece, bins) = CalibrationError.Compute([0.95, 0.95, 0.55, 0.55], [true, false, true, true]);
        Assert.Equal(0.45, ece!.Value, 12);
        Assert.Equal(15, bins.Count);
        Assert.Equal(2, bins[14].Count);
        Assert.Equal(2, bins[8].Count);
        Assert.Equal(0.5, bins[14].Observed, 12);
    }

    [Fact]
    public void Calibration_bins_are_closed_above_and_hold_the_extremes()
    {
        var (ece, bins) = CalibrationError.Compute([0.0, 1.0, 1.0 / 15], [false, true, false]);
        Assert.Equal(2, bins[0].Count);     // 0 and exactly 1/15 (the upper edge of bin 0)
        Assert.Equal(1, bins[14].Count);
        Assert.Equal((1.0 / 15) / 3, ece!.Value, 12);
        Assert.Null(CalibrationError.Compute([], []).Ece);
    }

    [Fact]
    public void Expert_load_shares_and_coefficient_of_variation()
    {
        // Mean 15, population variance (3·25 + 225)/4 = 75.
        Assert.Equal(Math.Sqrt(75) / 15, ExpertLoad.CoefficientOfVariation([10, 10, 10, 30])!.Value, 12);
        Assert.Equal(0.0, ExpertLoad.CoefficientOfVariation([7, 7, 7, 7]));
        Assert.Equal([1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5], ExpertLoad.Shares([10, 10, 10, 30]));
        Assert.Null(ExpertLoad.CoefficientOfVariation([0, 0]));
    }
}
