namespace Moderation.Training.Evaluation;

/// <summary>One equal-width confidence bin: rows in it, mean confidence, observed frequency of being right.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Observed);

/// <summary>
/// Expected calibration error over equal-width bins: Σ_b (n_b / N)·|observed_b − confidence_b|.
/// For a softmax the confidence is the top probability and "observed" the top-1 accuracy; for a sigmoid the
/// confidence is the probability of the positive class and "observed" the positive frequency.
/// </summary>
public static class CalibrationError
{
    public const int DefaultBins = 15;

    public static (double? Ece, IReadOnlyList<CalibrationBin> Bins) Compute(IReadOnlyList<double> confidence, IReadOnlyList<bool> observed, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var sumConfidence = new double[bins];
        var sumObserved = new double[bins];
        for (var i = 0; i < confidence.Count; i++)
        {
            // Bins are (lower, upper]; a confidence of exactly 0 goes to the first bin.
            var b = Math.Clamp((int)Math.Ceiling(confidence[i] * bins) - 1, 0, bins - 1);
            count[b]++;
            sumConfidence[b] += confidence[i];
            sumObserved[b] += observed[i] ? 1 : 0;
        }

        var table = new List<CalibrationBin>(bins);
        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            var meanConfidence = count[b] == 0 ? 0 : sumConfidence[b] / count[b];
            var meanObserved = count[b] == 0 ? 0 : sumObserved[b] / count[b];
            table.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], meanConfidence, meanObserved));
            ece += confidence.Count == 0 ? 0 : (double)count[b] / confidence.Count * Math.Abs(meanObserved - meanConfidence);
        }

        return (confidence.Count == 0 ? null : ece, table);
    }
}
