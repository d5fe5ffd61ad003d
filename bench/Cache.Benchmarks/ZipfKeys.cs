namespace Cache.Benchmarks;

/// <summary>
/// Key indexes drawn from a Zipf distribution over n keys (P(rank k) ∝ 1/k^s), by inverse CDF
/// on the precomputed cumulative weights: a few listings take most reads, as on a real catalogue.
/// The same seed gives the same sequence, so both endpoint phases read the same keys in the same order.
/// </summary>
public static class ZipfKeys
{
    public static int[] Draw(int keys, double exponent, int count, int seed)
    {
        var cumulative = new double[keys];
        var total = 0.0;
        for (var k = 0; k < keys; k++)
        {
            total += 1.0 / Math.Pow(k + 1, exponent);
            cumulative[k] = total;
        }

        var random = new Random(seed);
        var draws = new int[count];
        for (var i = 0; i < count; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            draws[i] = Math.Min(keys - 1, index >= 0 ? index : ~index);
        }

        return draws;
    }
}
