using System.Text.Json;

namespace Moderation.Text.Tests;

/// <summary>XLM-R's SentencePiece model through the product's tokenizer layer must give Hugging Face's ids (needs ../shared/fixtures/xlmr).</summary>
public class XlmrReferenceTests
{
    private sealed record Reference(string Source, string Text, int[] Ids, string Kind, string? Note);

    private static readonly Lazy<XlmrTokenizer?> Tokenizer = new(() =>
    {
        var model = Path.Combine(TestPaths.XlmrFixtures, "xlmr-base.reconstructed.spm.model");
        return File.Exists(model) ? XlmrTokenizer.Load(model) : null;
    });

    private static List<Reference> References()
    {
        var path = Path.Combine(TestPaths.XlmrFixtures, "references.json");
        return File.Exists(path)
            ? JsonSerializer.Deserialize<List<Reference>>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!
            : [];
    }

    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        var count = Math.Max(References().Count, 64);
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void Matches_the_hugging_face_reference(int index)
    {
        var tokenizer = Tokenizer.Value;
        if (tokenizer is null)
        {
            Assert.Skip($"XLM-R fixtures absent at {TestPaths.XlmrFixtures}");
        }

        var reference = References()[index];
        var pieces = tokenizer.EncodePieces(reference.Text);
        switch (reference.Kind)
        {
            case "hf":
                Assert.Equal(reference.Ids, tokenizer.Encode(reference.Text, int.MaxValue).Ids);
                break;
            case "hf_nospecial":
                Assert.Equal(reference.Ids, pieces);
                break;
            case "hf_prefix":
                var full = tokenizer.Encode(reference.Text, int.MaxValue).Ids;
                Assert.Equal(reference.Ids, full.Take(reference.Ids.Length));
                break;
            case "spm_raw":
                // Raw SentencePiece ids as Microsoft.ML.Tokenizers gives them (the references come from its tests).
                Assert.Equal(reference.Ids, tokenizer.RawSentencePieceIds(reference.Text));
                break;
            default:
                Assert.Fail($"unknown reference kind {reference.Kind}");
                break;
        }
    }

    [Fact]
    public void Has_xlmr_vocabulary_size_and_mask_id()
    {
        var tokenizer = Tokenizer.Value;
        if (tokenizer is null)
        {
            Assert.Skip($"XLM-R fixtures absent at {TestPaths.XlmrFixtures}");
        }

        Assert.Equal(250_002, tokenizer.VocabularySize);
        Assert.Equal(250_001, tokenizer.MaskId);
        Assert.Equal(64, References().Count);
    }
}
