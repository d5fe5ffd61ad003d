namespace Moderation.Inference.Batching;

/// <summary>
/// Splits a batch into runs of similar token length, so a short text is not padded to a long one: lengths up
/// to 16 share one bucket, longer ones are bucketed by power of two (each run pads by less than 2×).
/// </summary>
public static class LengthBuckets
{
    public static int Of(int tokens) => tokens <= 16 ? 0 : System.Numerics.BitOperations.Log2((uint)(tokens - 1)) + 1;

    /// <summary>Sorts items by runtime then length, and yields [start, end) ranges that share both runtime and bucket.</summary>
    public static IEnumerable<(int Start, int End)> Split(List<ScoringItem> items)
    {
        items.Sort(static (a, b) =>
        {
            var byRuntime = a.Runtime.GetHashCode().CompareTo(b.Runtime.GetHashCode());
            return byRuntime != 0 ? byRuntime : a.Tokens.Length.CompareTo(b.Tokens.Length);
        });
        var start = 0;
        for (var i = 1; i <= items.Count; i++)
        {
            if (i == items.Count || items[i].Runtime != items[start].Runtime || Of(items[i].Tokens.Length) != Of(items[start].Tokens.Length))
            {
                yield return (start, i);
                start = i;
            }
        }
    }
}
