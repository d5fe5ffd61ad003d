namespace Moderation.Training.Evaluation;

/// <summary>
/// How evenly an MoE layer spreads tokens: each expert's share and the coefficient of variation of the counts. The one
/// expert-load calculation: evaluation uses it directly, training through <see cref="Training.ExpertTokenCounts"/>.
/// </summary>
public static class ExpertLoad
{
    public static double[] Shares(IReadOnlyList<long> tokensPerExpert)
    {
        ArgumentNullException.ThrowIfNull(tokensPerExpert);
        var total = (double)tokensPerExpert.Sum();
        return [.. tokensPerExpert.Select(n => total == 0 ? 0 : n / total)];
    }

    /// <summary>Population standard deviation over mean (0 = perfectly even); null for no tokens.</summary>
    public static double? CoefficientOfVariation(IReadOnlyList<long> tokensPerExpert)
    {
        ArgumentNullException.ThrowIfNull(tokensPerExpert);
        if (tokensPerExpert.Count == 0)
        {
            return null;
        }

        var mean = tokensPerExpert.Average(n => (double)n);
        if (mean == 0)
        {
            return null;
        }

        var variance = tokensPerExpert.Average(n => (n - mean) * (n - mean));
        return Math.Sqrt(variance) / mean;
    }
}
