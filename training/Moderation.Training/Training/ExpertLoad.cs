using Moderation.Training.Model;

namespace Moderation.Training.Training;

/// <summary>
/// Tokens each expert received, summed over a window of batches, per MoE layer. Share = tokens / total;
/// the coefficient of variation (population std / mean of the per-expert counts) is 0 for a perfectly
/// balanced layer. <see cref="Cv"/> is the mean over layers.
/// </summary>
public sealed class ExpertLoad
{
    private long[][] counts = [];

    public void Add(IReadOnlyList<RoutingStats> routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        if (counts.Length != routing.Count)
        {
            counts = routing.Select(r => new long[r.TokensPerExpert.Length]).ToArray();
        }

        for (var layer = 0; layer < routing.Count; layer++)
        {
            for (var e = 0; e < routing[layer].TokensPerExpert.Length; e++)
            {
                counts[layer][e] += routing[layer].TokensPerExpert[e];
            }
        }
    }

    public int Layers => counts.Length;

    public double[] Shares(int layer)
    {
        var total = (double)counts[layer].Sum();
        return counts[layer].Select(c => total == 0 ? 0 : c / total).ToArray();
    }

    public double LayerCv(int layer) => CoefficientOfVariation(counts[layer].Select(c => (double)c).ToArray());

    public double Cv => counts.Length == 0 ? 0 : Enumerable.Range(0, counts.Length).Average(LayerCv);

    public void Reset() => counts = [];

    public static double CoefficientOfVariation(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var mean = values.Average();
        if (mean == 0)
        {
            return 0;
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return Math.Sqrt(variance) / mean;
    }
}
