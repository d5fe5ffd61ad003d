using System.Security.Cryptography;
using System.Text;

namespace Moderation.Datasets.Building;

/// <summary>
/// Deterministic stratified splits: rows are grouped by stratum (the corpus builder uses source, language and label set), ordered by the SHA-256 of their
/// normalised text, and dealt train/validation/test in a fixed cycle of ten, so every stratum keeps the ratio.
/// </summary>
public static class SplitAssigner
{
    public static IReadOnlyList<string> Assign(IReadOnlyList<(string Text, string Stratum)> rows, int validationPercent, int testPercent)
    {
        if (validationPercent % 10 != 0 || testPercent % 10 != 0 || validationPercent + testPercent >= 100)
        {
            throw new BuildException("validationPercent and testPercent must be multiples of 10 that leave room for train");
        }

        var validationSlots = validationPercent / 10;
        var testSlots = testPercent / 10;
        var splits = new string[rows.Count];
        foreach (var stratum in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Stratum, StringComparer.Ordinal))
        {
            var ordered = stratum.OrderBy(i => TextHash(rows[i].Text), StringComparer.Ordinal).ToArray();
            for (var rank = 0; rank < ordered.Length; rank++)
            {
                var slot = rank % 10;
                splits[ordered[rank]] = slot >= 10 - testSlots ? Corpus.Splits.Test
                    : slot >= 10 - testSlots - validationSlots ? Corpus.Splits.Validation
                    : Corpus.Splits.Train;
            }
        }

        return splits;
    }

    public static string TextHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
