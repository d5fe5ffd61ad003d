using System.IO.Hashing;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Size (m bits) and hash count (k) of a bloom filter for n expected items at false-positive rate
/// p: m = -n·ln p / (ln 2)², k = (m/n)·ln 2. The k bit positions of an id come from double hashing
/// (Kirsch–Mitzenmacher): h1 + i·h2 mod m, with h1 and h2 the halves of one 128-bit xxHash.
/// </summary>
public sealed class BloomFilterShape
{
    // A Redis string holds at most 512 MiB, i.e. 2^32 bits.
    private const long MaxBits = 1L << 32;

    public BloomFilterShape(long expectedItems, double falsePositiveRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(falsePositiveRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(falsePositiveRate, 1);
        ExpectedItems = expectedItems;
        FalsePositiveRate = falsePositiveRate;
        var bits = Math.Ceiling(-expectedItems * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        Bits = (long)Math.Min(MaxBits, Math.Max(64, bits));
        Hashes = (int)Math.Clamp(Math.Round((double)Bits / expectedItems * Math.Log(2)), 1, 30);
    }

    public long ExpectedItems { get; }

    public double FalsePositiveRate { get; }

    public long Bits { get; }

    public int Hashes { get; }

    /// <summary>Expected false-positive rate with <paramref name="items"/> inserted: (1 - e^(-k·n/m))^k.</summary>
    public double EstimatedFalsePositiveRate(long items) =>
        items <= 0 ? 0 : Math.Pow(1 - Math.Exp(-(double)Hashes * items / Bits), Hashes);

    /// <summary>The k bit offsets of <paramref name="id"/>, written into <paramref name="into"/> from index <paramref name="start"/>.</summary>
    public void Offsets(Guid id, Span<long> into)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        var hash = XxHash128.HashToUInt128(bytes);
        var h1 = (ulong)hash;
        // Odd, so successive probes never collapse onto one position.
        var h2 = (ulong)(hash >> 64) | 1;
        var m = (ulong)Bits;
        for (var i = 0; i < Hashes; i++)
        {
            into[i] = (long)((h1 + (ulong)i * h2) % m);
        }
    }
}
