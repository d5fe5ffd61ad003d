using Moderation.Datasets.Cleaning;

namespace Moderation.Datasets.Tests.Cleaning;

public class DeduplicationTests
{
    [Fact]
    public void Exact_match_key_ignores_case_punctuation_and_spacing()
    {
        Assert.Equal(TextCleaner.MatchKey("Great seller!!! Fast delivery."), TextCleaner.MatchKey("great   seller, fast delivery"));
        Assert.NotEqual(TextCleaner.MatchKey("great seller"), TextCleaner.MatchKey("great sellers"));
    }

    [Fact]
    public void Near_duplicates_are_found_and_different_texts_are_not()
    {
        var index = new NearDuplicateIndex(0.8);
        var original = TextCleaner.MatchKey("The seller answered my question in the order chat within minutes, very helpful and friendly.");
        Assert.Equal(-1, index.AddIfNew(original));
        Assert.Equal(0, index.AddIfNew(TextCleaner.MatchKey("The seller answered my question in the order chat within minutes, very helpful and friendly!!")));
        Assert.Equal(-1, index.AddIfNew(TextCleaner.MatchKey("Bought a gift card during the flash sale and the code worked immediately.")));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Estimated_jaccard_tracks_similarity()
    {
        var a = TextCleaner.MatchKey("Fast delivery, the gift card for Minecraft worked instantly. Great seller!");
        Assert.Equal(1.0, NearDuplicateIndex.EstimatedJaccard(a, a));
        Assert.True(NearDuplicateIndex.EstimatedJaccard(a, a + " ok") > 0.8);
        Assert.True(NearDuplicateIndex.EstimatedJaccard(a, TextCleaner.MatchKey("Никогда не покупайте у этого продавца")) < 0.1);
    }

    [Theory]
    [InlineData("ok", TextCleaner.TooShort)]
    [InlineData("(╯°□°)╯︵ ┻━┻ ┻━┻ ┻━┻ ┻━┻", TextCleaner.NoContent)]
    [InlineData("@USER @USER URL", TextCleaner.NoContent)]
    [InlineData("broken \uFFFD text here", TextCleaner.InvalidEncoding)]
    public void Cleaner_drops_with_a_reason(string raw, string reason) => Assert.Equal(reason, new TextCleaner(4, 100).Clean(raw).DropReason);

    [Fact]
    public void Cleaner_drops_overlong_text_and_keeps_normal_text()
    {
        var cleaner = new TextCleaner(4, 20);
        Assert.Equal(TextCleaner.TooLong, cleaner.Clean(new string('a', 21)).DropReason);
        Assert.Equal("Nice seller", cleaner.Clean(" Nice\u200B seller ").Text);
    }
}
