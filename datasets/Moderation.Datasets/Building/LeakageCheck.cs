using Moderation.Datasets.Cleaning;
using Moderation.Datasets.Corpus;

namespace Moderation.Datasets.Building;

/// <summary>Fails the build when any validation or test row equals or nearly equals a row of an earlier split.</summary>
public static class LeakageCheck
{
    public static void Run(IReadOnlyList<CorpusRow> rows, double threshold)
    {
        var exact = new Dictionary<string, CorpusRow>(StringComparer.Ordinal);
        var index = new NearDuplicateIndex(threshold);
        var indexed = new List<CorpusRow>();
        foreach (var split in Splits.All)
        {
            var inSplit = rows.Where(r => r.Split == split).ToList();
            foreach (var row in inSplit)
            {
                var key = TextCleaner.MatchKey(row.Text);
                if (exact.TryGetValue(key, out var other) && other.Split != split)
                {
                    throw new BuildException($"leakage: {row.Id} ({split}) duplicates {other.Id} ({other.Split})");
                }

                var near = index.FindNear(key);
                if (near >= 0)
                {
                    throw new BuildException($"leakage: {row.Id} ({split}) is a near-duplicate of {indexed[near].Id} ({indexed[near].Split})");
                }
            }

            foreach (var row in inSplit)
            {
                var key = TextCleaner.MatchKey(row.Text);
                exact.TryAdd(key, row);
                index.Add(key);
                indexed.Add(row);
            }
        }
    }
}
