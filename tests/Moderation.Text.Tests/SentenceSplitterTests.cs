namespace Moderation.Text.Tests;

public class SentenceSplitterTests
{
    [Theory]
    [InlineData("Great seller. You are an idiot!", new[] { "Great seller.", "You are an idiot!" })]
    [InlineData("Fast delivery!!! Scum?! Bye", new[] { "Fast delivery!!!", "Scum?!", "Bye" })]
    [InlineData("Rated 3.5 of 5, e.g.fine, see example.com/a.b ok", new[] { "Rated 3.5 of 5, e.g.fine, see example.com/a.b ok" })]
    [InlineData("Wait... what", new[] { "Wait...", "what" })]
    [InlineData("He said \"go away!\" then left.", new[] { "He said \"go away!\"", "then left." })]
    [InlineData("卖家回复很快。你这个傻逼", new[] { "卖家回复很快。", "你这个傻逼" })]
    [InlineData("هل هذا صحيح؟ نعم", new[] { "هل هذا صحيح؟", "نعم" })]
    [InlineData("बहुत अच्छा। धन्यवाद", new[] { "बहुत अच्छा।", "धन्यवाद" })]
    [InlineData("one sentence without an end", new[] { "one sentence without an end" })]
    [InlineData("   ", new string[0])]
    [InlineData("", new string[0])]
    public void Splits_at_sentence_ends(string text, string[] expected) => Assert.Equal(expected, SentenceSplitter.Split(text));

    [Fact]
    public void Full_width_marks_split_once_normalised_as_the_service_does()
    {
        // NFKC turns "！" into "!", which ends a sentence even with no space after it (Chinese puts none).
        var normalized = TextNormalizer.Normalize("好评！你是垃圾");
        Assert.Equal(["好评!", "你是垃圾"], SentenceSplitter.Split(normalized));
    }
}
