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

    /// <summary>Adds one batch's statistics, all of it counted for <paramref name="language"/>.</summary>
    public void Add(string language, IReadOnlyList<RoutingStats> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var counts = Counts(language);
        for (var l = 0; l < Layers; l++)
        {
            for (var e = 0; e < Experts; e++)
            {
                counts[l][e] += layers[l].TokensPerExpert[e];
            }
        }
    }

    /// <summary>Adds a mixed batch row by row: <paramref name="languages"/>[r] is row r's language.</summary>
    public void AddRows(IReadOnlyList<string> languages, IReadOnlyList<RoutingStats> layers)
    {
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentNullException.ThrowIfNull(layers);
        for (var l = 0; l < Layers; l++)
        {
            var perRow = layers[l].TokensPerExpertPerRow
                ?? throw new ArgumentException("routing statistics without per-row counts", nameof(layers));
            for (var r = 0; r < languages.Count; r++)
            {
                var counts = Counts(languages[r]);
                for (var e = 0; e < Experts; e++)
                {
                    counts[l][e] += perRow[r][e];
                }
            }
        }
    }

    private long[][] Counts(string language)
    {
        if (!byLanguage.TryGetValue(language, out var counts))
        {
            counts = [.. Enumerable.Range(0, Layers).Select(_ => new long[Experts])];
            byLanguage[language] = counts;
        }

        return counts;
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
