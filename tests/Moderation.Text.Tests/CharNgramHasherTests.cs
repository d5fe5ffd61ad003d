using System.Text;

namespace Moderation.Text.Tests;

/// <summary>
/// The n-gram hash is the documented one (FNV-1a 32-bit over each 1–5-gram's UTF-8 bytes, modulo the buckets), so a
/// bundle's ids do not depend on the process, the platform or .NET's randomised string hashing.
/// </summary>
public class CharNgramHasherTests
{
    [Fact]
    public void A_single_character_hashes_to_the_published_FNV_1a_test_vector()
    {
        // FNV-1a 32-bit of "a" is 0xe40c292c (the FNV reference test vectors).
        var hasher = new CharNgramHasher(int.MaxValue);
        Assert.Equal([(int)(0xe40c292cu % int.MaxValue)], hasher.Hash("a"));
        Assert.Equal([(int)(0xe40c292cu % 1000)], new CharNgramHasher(1000).Hash("a"));
    }

    [Theory]
    [InlineData("Great seller", 65_536)]
    [InlineData("Ужасное качество", 65_536)]
    [InlineData("卖家回复很快 🙂 é", 1_000)]
    [InlineData("tum bahut bekar ho", 7)]
    public void Ids_follow_the_documented_definition_position_by_position_and_order_by_order(string text, int buckets)
    {
        Assert.Equal(Reference(text, buckets), new CharNgramHasher(buckets).Hash(text));
    }

    [Fact]
    public void Ids_are_pinned_for_a_fixed_string()
    {
        // Computed once by a separate implementation (Python) of the definition; a change to the hash would silently invalidate every trained table.
        Assert.Equal([15, 22, 25, 60, 28, 1, 51, 29, 41, 13, 85, 86, 8, 84, 21, 70, 59, 59, 61, 29, 14, 69, 85, 63, 68], new CharNgramHasher(97).Hash("hi ok é"));
    }

    [Fact]
    public void A_text_of_n_scalars_gives_every_1_to_5_gram_and_an_astral_character_counts_once()
    {
        Assert.Empty(new CharNgramHasher(10).Hash(""));
        Assert.Equal(5 + 4 + 3 + 2 + 1, new CharNgramHasher(10).Hash("abcde").Length);
        Assert.Equal(7 + 6 + 5 + 4 + 3, new CharNgramHasher(10).Hash("abcdefg").Length);
        Assert.Equal(2 + 1, new CharNgramHasher(10).Hash("🙂!").Length);
        Assert.All(new CharNgramHasher(10).Hash("ümlaut 中文 🙂"), id => Assert.InRange(id, 0, 9));
    }

    [Fact]
    public void Bucket_count_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CharNgramHasher(0));
    }

    /// <summary>The definition written out independently: substrings of scalars, UTF-8 bytes, FNV-1a from scratch.</summary>
    private static int[] Reference(string text, int buckets)
    {
        var scalars = new List<string>();
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            scalars.Add(char.ConvertFromUtf32(char.ConvertToUtf32(text, i)));
        }

        var ids = new List<int>();
        for (var start = 0; start < scalars.Count; start++)
        {
            for (var n = 1; n <= 5 && start + n <= scalars.Count; n++)
            {
                uint hash = 2166136261;
                foreach (var b in Encoding.UTF8.GetBytes(string.Concat(scalars.Skip(start).Take(n))))
                {
                    hash = unchecked((hash ^ b) * 16777619);
                }

                ids.Add((int)(hash % (uint)buckets));
            }
        }

        return [.. ids];
    }
}
