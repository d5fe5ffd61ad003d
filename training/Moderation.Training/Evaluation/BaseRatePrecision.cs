namespace Moderation.Training.Evaluation;

/// <summary>
/// Precision where inappropriate reviews are rarer than in the split: with recall R and false-positive rate F
/// measured on the split, at base rate π precision is R·π / (R·π + F·(1 − π)). The corpus is about 30%
/// inappropriate; a marketplace's reviews are far less so, and every false rejection is a buyer silenced.
/// </summary>
public sealed record BaseRatePrecision(
    string Subset,
    double BaseRate,
    double? SplitBaseRate,
    double? Precision,
    double? PrecisionAtBaseRate,
    double? PolicyRejectPrecision,
    double? PolicyRejectPrecisionAtBaseRate)
{
    public const double DefaultBaseRate = 0.05;

    /// <summary>Precision at base rate <paramref name="rate"/> of a rule with this recall and false-positive rate.</summary>
    public static double? At(double rate, double? recall, double? falsePositiveRate)
    {
        if (recall is not { } r || falsePositiveRate is not { } f || (r * rate) + (f * (1 - rate)) == 0)
        {
            return null;
        }

        return r * rate / ((r * rate) + (f * (1 - rate)));
    }
}
