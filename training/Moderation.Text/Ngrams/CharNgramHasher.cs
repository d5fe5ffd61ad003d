using System.Text;

namespace Moderation.Text;

/// <summary>
/// Hashed character n-grams, the input of the model's n-gram branch (fastText-style language-ID features). Definition
/// (stable across processes and platforms, unlike <see cref="string.GetHashCode()"/>): for every Unicode scalar
/// position i of the text and every order n in 1..5 with i + n ≤ length, the n-gram is the scalars i..i+n-1; its id is
/// FNV-1a 32-bit (offset 2166136261, prime 16777619) over the n-gram's UTF-8 bytes, modulo <see cref="Buckets"/>.
/// Ids come in order of position, then order. A row's text is what its token ids spell
/// (<see cref="XlmrTokenizer.Decode"/>: the normalised text a window or sentence covers), so training and serving,
/// which both hold token rows, hash the same characters.
/// </summary>
public sealed class CharNgramHasher
{
    public const int MinOrder = 1;
    public const int MaxOrder = 5;
    public const uint FnvOffsetBasis = 2166136261;
    public const uint FnvPrime = 16777619;

    public CharNgramHasher(int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        Buckets = buckets;
    }

    /// <summary>Size of the id space (the embedding table's rows).</summary>
    public int Buckets { get; }

    /// <summary>Bucket ids of every 1..5-gram of <paramref name="text"/>; empty for an empty text.</summary>
    public int[] Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runes = text.EnumerateRunes().ToArray();
        var ids = new List<int>(runes.Length * MaxOrder);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < runes.Length; i++)
        {
            // Extending the hash one scalar at a time gives each longer n-gram's FNV-1a without rehashing its prefix.
            var hash = FnvOffsetBasis;
            for (var n = 0; n < MaxOrder && i + n < runes.Length; n++)
            {
                var written = runes[i + n].EncodeToUtf8(utf8);
                foreach (var b in utf8[..written])
                {
                    hash = unchecked((hash ^ b) * FnvPrime);
                }

                ids.Add((int)(hash % (uint)Buckets));
            }
        }

        return [.. ids];
    }

    /// <summary>Ids of the text a token row spells (&lt;s&gt;, &lt;/s&gt; and padding skipped).</summary>
    public int[] ForRow(XlmrTokenizer tokenizer, IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Hash(tokenizer.Decode(ids));
    }
}
