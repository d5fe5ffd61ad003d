using Moderation.Datasets.Generation;
using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;
using Moderation.Datasets.Tokenization;
using Moderation.Text;

namespace Moderation.Datasets.Tests.Tokenization;

/// <summary>Trains one small model on generated multilingual reviews and checks it through Microsoft.ML.Tokenizers.</summary>
public sealed class TrainedModelFixture
{
    public UnigramTrainerOptions Options { get; } = new() { VocabSize = 4000, MaxSentences = 5000, SeedSize = 30000 };

    public UnigramModel Model { get; }

    public byte[] Bytes { get; }

    public IReadOnlyList<string> Texts { get; }

    public TrainedModelFixture()
    {
        var dir = TestPaths.TempDirectory();
        foreach (var lang in Phrasebook.Default.Languages.Keys)
        {
            File.WriteAllText(Path.Combine(dir, lang + ".json"), "[\"idiot\"]");
        }

        Texts = new ReviewGenerator(Phrasebook.Default, ProfanityLexicon.Load(dir, LanguageTable.Default))
            .Read(new SourceSpec { Id = "synthetic", Kind = "generator", PerLanguage = 25 }, new MalformedCounter())
            .Select(r => r.Text)
            .ToList();
        Model = new UnigramTrainer(Options).Train(Texts);
        Bytes = SentencePieceModelWriter.Write(Model, Options);
    }
}

public class UnigramTokenizerTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Theory]
    [InlineData("Latin", "The seller answered quickly, thanks a lot!")]
    [InlineData("Cyrillic", "Продавец ответил быстро, спасибо.")]
    [InlineData("Arabic", "البائع رد بسرعة، شكرا جزيلا")]
    [InlineData("Devanagari", "विक्रेता ने जल्दी जवाब दिया।")]
    [InlineData("Han", "卖家回复很快，谢谢！")]
    [InlineData("Hiragana/Katakana", "ひらがなとカタカナのテストです")]
    [InlineData("Hangul", "판매자가 빨리 답해줬어요")]
    [InlineData("Thai", "ผู้ขายตอบเร็วมาก ขอบคุณ")]
    [InlineData("unseen characters (byte fallback)", "龘 🙂 ᚠᚢᚦ ok")]
    public void Decode_of_encode_is_the_normalised_text(string script, string text)
    {
        var tokenizer = XlmrTokenizer.Load(fixture.Bytes);
        var normalized = TextNormalizer.Normalize(text);
        var (ids, truncated) = tokenizer.Encode(normalized, 512);

        Assert.False(truncated);
        Assert.Equal(XlmrTokenizer.BosId, ids[0]);
        Assert.Equal(XlmrTokenizer.EosId, ids[^1]);
        Assert.DoesNotContain(XlmrTokenizer.UnkId, ids);
        Assert.Equal(normalized, tokenizer.Decode(ids));
        Assert.True(ids.Count > 2, script);
    }

    [Fact]
    public void The_model_reserves_xlmr_special_ids_and_has_the_requested_size()
    {
        var tokenizer = XlmrTokenizer.Load(fixture.Bytes);
        // A small corpus may support fewer pieces than asked for; never more.
        Assert.InRange(tokenizer.VocabularySize, fixture.Options.VocabSize * 9 / 10, fixture.Options.VocabSize);
        Assert.Equal(tokenizer.VocabularySize - 1, tokenizer.MaskId);
        Assert.Equal(fixture.Model.Pieces.Count + UnigramTrainerOptions.ReservedIds, tokenizer.VocabularySize);
        var ids = tokenizer.EncodePieces("hello");
        Assert.All(ids, id => Assert.InRange(id, 4, tokenizer.MaskId - 1));
        Assert.Equal([XlmrTokenizer.UnkId, XlmrTokenizer.PadId], tokenizer.EncodePieces("<unk> <pad>"));
    }

    [Fact]
    public void Learns_frequent_words_as_single_pieces_and_is_deterministic()
    {
        var tokenizer = XlmrTokenizer.Load(fixture.Bytes);
        // "idiot" is the fixture lexicon's only word, used in every abusive and sexual template of all languages.
        Assert.Single(tokenizer.EncodePieces("idiot"));
        Assert.Contains(fixture.Model.Pieces, p => p.Piece == "\u2581idiot");
        Assert.True(fixture.Model.Pieces.Count(p => p.Piece.Length > 1) > 300);
        // Pieces compress the training text well below one token per character.
        var texts = fixture.Texts.Take(300).Select(TextNormalizer.Normalize).ToList();
        var tokens = texts.Sum(t => tokenizer.EncodePieces(t).Count);
        var characters = texts.Sum(t => t.Count(c => c != ' '));
        Assert.True(tokens < characters * 0.6, $"{tokens} tokens for {characters} characters");
        Assert.All(fixture.Model.Pieces, p => Assert.True(p.Score < 0));
        Assert.Equal(fixture.Bytes, SentencePieceModelWriter.Write(new UnigramTrainer(fixture.Options).Train(
            new ReviewGenerator(Phrasebook.Default, ProfanityLexicon.Load(Lexicon(), LanguageTable.Default))
                .Read(new SourceSpec { Id = "synthetic", Kind = "generator", PerLanguage = 25 }, new MalformedCounter())
                .Select(r => r.Text).ToList()), fixture.Options));
    }

    [Fact]
    public void Truncates_to_max_tokens_and_says_so()
    {
        var tokenizer = XlmrTokenizer.Load(fixture.Bytes);
        var (ids, truncated) = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("seller answered quickly", 50)), 16);
        Assert.True(truncated);
        Assert.Equal(16, ids.Count);
        Assert.Equal(XlmrTokenizer.EosId, ids[^1]);
    }

    [Fact]
    public void Control_characters_are_deleted_and_whitespace_controls_act_as_spaces()
    {
        var tokenizer = XlmrTokenizer.Load(fixture.Bytes);
        Assert.Equal(tokenizer.EncodePieces("seller answered"), tokenizer.EncodePieces("sel\u0001ler\tans\u007Fwered"));
    }

    private static string Lexicon()
    {
        var dir = TestPaths.TempDirectory();
        foreach (var lang in Phrasebook.Default.Languages.Keys)
        {
            File.WriteAllText(Path.Combine(dir, lang + ".json"), "[\"idiot\"]");
        }

        return dir;
    }
}

public class DigammaTests
{
    [Theory]
    [InlineData(1.0, -0.5772156649015329)]
    [InlineData(0.5, -1.9635100260214235)]
    [InlineData(10.0, 2.251752589066721)]
    [InlineData(1000.5, 6.9077553206488)]
    public void Matches_known_values(double x, double expected) => Assert.Equal(expected, UnigramTrainer.Digamma(x), 8);
}
