namespace Moderation.Datasets.Sources;

/// <summary>Counts rows dropped per source and reason; reported in the summary and the manifest, never a crash.</summary>
public sealed class MalformedCounter
{
    private readonly SortedDictionary<string, SortedDictionary<string, int>> _counts = new(StringComparer.Ordinal);

    public void Add(string source, string reason)
    {
        if (!_counts.TryGetValue(source, out var reasons))
        {
            reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
            _counts[source] = reasons;
        }

        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
    }

    public int Count(string source, string reason) =>
        _counts.TryGetValue(source, out var reasons) ? reasons.GetValueOrDefault(reason) : 0;

    public int Total => _counts.Values.Sum(r => r.Values.Sum());

    public IReadOnlyDictionary<string, SortedDictionary<string, int>> BySource => _counts;
}
