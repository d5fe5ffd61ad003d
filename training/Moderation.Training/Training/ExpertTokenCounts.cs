using Moderation.Training.Evaluation;
using Moderation.Training.Model;

namespace Moderation.Training.Training;

/// <summary>
/// Tokens each expert received, summed over a window of batches, per MoE layer, for training's logs and validation.
/// Shares and the coefficient of variation come from <see cref="ExpertLoad"/>, the one calculation evaluation uses
/// too; a layer that routed no tokens counts as balanced (0) here. <see cref="Cv"/> is the mean over layers.
/// </summary>
public sealed class ExpertTokenCounts
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

    public double[] Shares(int layer) => ExpertLoad.Shares(counts[layer]);

    public double LayerCv(int layer) => ExpertLoad.CoefficientOfVariation(counts[layer]) ?? 0;

    public double Cv => counts.Length == 0 ? 0 : Enumerable.Range(0, counts.Length).Average(LayerCv);

    public void Reset() => counts = [];
}
