using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Moderation.Datasets.Cleaning;

/// <summary>
/// MinHash over character 5-grams with LSH banding (16 bands × 4 rows): finds rows whose estimated Jaccard
/// similarity to an indexed row reaches the threshold, in near-constant time per row.
/// </summary>
public sealed class NearDuplicateIndex(double threshold)
{
    public const int HashCount = 64;
    private const int Bands = 16;
    private const int RowsPerBand = HashCount / Bands;
    private const int ShingleLength = 5;

    private readonly List<ulong[]> _signatures = [];
    private readonly Dictionary<(int Band, ulong Hash), List<int>> _buckets = [];

    public int Count => _signatures.Count;

    /// <summary>Indexes the key unless it is a near-duplicate of an indexed one; returns that one's index, or -1 when added.</summary>
    public int AddIfNew(string matchKey)
    {
        var signature = Signature(matchKey);
        var found = Find(signature);
        if (found >= 0)
        {
            return found;
        }

        Add(signature);
        return -1;
    }

    /// <summary>The index of an indexed near-duplicate of the key, or -1.</summary>
    public int FindNear(string matchKey) => Find(Signature(matchKey));

    public void Add(string matchKey) => Add(Signature(matchKey));

    public static double EstimatedJaccard(string a, string b) => Similarity(Signature(a), Signature(b));

    private void Add(ulong[] signature)
    {
        var index = _signatures.Count;
        _signatures.Add(signature);
        for (var band = 0; band < Bands; band++)
        {
            var key = (band, BandHash(signature, band));
            if (!_buckets.TryGetValue(key, out var list))
            {
                list = [];
                _buckets[key] = list;
            }

            list.Add(index);
        }
    }

    private int Find(ulong[] signature)
    {
        var best = -1;
        for (var band = 0; band < Bands; band++)
        {
            if (!_buckets.TryGetValue((band, BandHash(signature, band)), out var list))
            {
                continue;
            }

            foreach (var candidate in list)
            {
                if ((best < 0 || candidate < best) && Similarity(signature, _signatures[candidate]) >= threshold)
                {
                    best = candidate;
                }
            }
        }

        return best;
    }

    private static double Similarity(ulong[] a, ulong[] b)
    {
        var same = 0;
        for (var i = 0; i < HashCount; i++)
        {
            if (a[i] == b[i])
            {
                same++;
            }
        }

        return same / (double)HashCount;
    }

    private static ulong BandHash(ulong[] signature, int band) =>
        XxHash64.HashToUInt64(MemoryMarshal.AsBytes(signature.AsSpan(band * RowsPerBand, RowsPerBand)));

    internal static ulong[] Signature(string key)
    {
        var signature = new ulong[HashCount];
        Array.Fill(signature, ulong.MaxValue);
        var chars = key.AsSpan();
        var shingles = Math.Max(1, chars.Length - ShingleLength + 1);
        for (var s = 0; s < shingles; s++)
        {
            var shingle = chars.Slice(s, Math.Min(ShingleLength, chars.Length - s));
            var h = XxHash64.HashToUInt64(MemoryMarshal.AsBytes(shingle));
            for (var i = 0; i < HashCount; i++)
            {
                var v = Mix(h + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
                if (v < signature[i])
                {
                    signature[i] = v;
                }
            }
        }

        return signature;
    }

    // splitmix64 finaliser: a cheap, well-mixed family of hash functions indexed by i.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
