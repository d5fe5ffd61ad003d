namespace Marketplace.Demo.Summary;

/// <summary>Nearest-rank percentile (the value at rank ceil(p·n)); 0 for no values.</summary>
public static class Percentile
{
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
