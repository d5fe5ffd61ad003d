using Moderation.Training.Model;

namespace Moderation.Training.Evaluation;

/// <summary>Tokens kept per expert, per MoE layer, summed per language over a prediction pass.</summary>
public sealed class ExpertRouting
{
    private readonly Dictionary<string, long[][]> byLanguage = new(StringComparer.Ordinal);

    public ExpertRouting(int layers, int experts)
    {
        Layers = layers;
        Experts = experts;
    }

    public int Layers { get; }

    public int Experts { get; }

    public IReadOnlyDictionary<string, long[][]> ByLanguage => byLanguage;

    /// <summary>Adds one batch's statistics (a batch holds one language, so the counts are that language's).</summary>
    public void Add(string language, IReadOnlyList<RoutingStats> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (!byLanguage.TryGetValue(language, out var counts))
        {
            counts = [.. Enumerable.Range(0, Layers).Select(_ => new long[Experts])];
            byLanguage[language] = counts;
        }

        for (var l = 0; l < Layers; l++)
        {
            for (var e = 0; e < Experts; e++)
            {
                counts[l][e] += layers[l].TokensPerExpert[e];
            }
        }
    }

    /// <summary>[layer][expert] over the languages given (all when null).</summary>
    public long[][] Total(IEnumerable<string>? languages = null)
    {
        var total = Enumerable.Range(0, Layers).Select(_ => new long[Experts]).ToArray();
        foreach (var language in languages ?? byLanguage.Keys)
        {
            if (!byLanguage.TryGetValue(language, out var counts))
            {
                continue;
            }

            for (var l = 0; l < Layers; l++)
            {
                for (var e = 0; e < Experts; e++)
                {
                    total[l][e] += counts[l][e];
                }
            }
        }

        return total;
    }
}
