using Moderation.Datasets.Tests.Tokenization;
using Moderation.Text;

namespace Moderation.Datasets.Tests.Segmentation;

public class TextSegmenterTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private const int MaxTokens = 16;
    private readonly XlmrTokenizer _tokenizer = XlmrTokenizer.Load(fixture.Bytes);

    [Theory]
    [InlineData(10, 14, 7, new[] { 0 })]
    [InlineData(14, 14, 7, new[] { 0 })]
    [InlineData(15, 14, 7, new[] { 0, 1 })]
    [InlineData(30, 14, 7, new[] { 0, 7, 14, 16 })]
    [InlineData(28, 14, 7, new[] { 0, 7, 14 })]
    public void Windows_step_by_the_stride_and_the_last_ends_the_text(int count, int width, int stride, int[] expected) =>
        Assert.Equal(expected, TextSegmenter.WindowStarts(count, width, stride));

    [Fact]
    public void Every_span_of_up_to_half_a_window_lies_inside_one_window()
    {
        var policy = new SegmentationPolicy(MaxTokens);
        for (var count = 1; count < 200; count++)
        {
            var starts = TextSegmenter.WindowStarts(count, policy.WindowContent, policy.Stride);
            for (var spanStart = 0; spanStart < count; spanStart++)
            {
                var spanEnd = Math.Min(count, spanStart + policy.Stride);
                Assert.Contains(starts, s => s <= spanStart && spanEnd <= s + policy.WindowContent);
            }
        }
    }

    [Fact]
    public void A_short_single_sentence_is_one_row_exactly_as_the_model_was_trained()
    {
        const string text = "The seller answered quickly, thanks a lot";
        var segments = TextSegmenter.Segment(_tokenizer, text, new SegmentationPolicy(64));
        var row = Assert.Single(segments.Rows);
        Assert.True(row.IsWindow);
        Assert.Equal(_tokenizer.Encode(text, 64).Ids, row.Ids);
        Assert.False(segments.Truncated);
    }

    [Fact]
    public void A_long_text_is_read_whole_in_windows_and_sentence_by_sentence()
    {
        var sentences = new[] { "The seller answered quickly.", "Fast delivery, thanks a lot!", "You are an idiot." };
        var text = string.Join(' ', sentences.Concat(sentences.Take(2)));
        var pieces = _tokenizer.EncodePieces(text);
        Assert.True(pieces.Count > MaxTokens - 2, "the text must be longer than one window for this test");

        var segments = TextSegmenter.Segment(_tokenizer, text, new SegmentationPolicy(MaxTokens));

        var windows = segments.Rows.Where(r => r.IsWindow).ToList();
        Assert.All(windows, w => Assert.True(w.Ids.Length <= MaxTokens));
        var starts = TextSegmenter.WindowStarts(pieces.Count, MaxTokens - 2, (MaxTokens - 2) / 2);
        Assert.Equal(starts.Count, windows.Count);
        for (var k = 0; k < windows.Count; k++)
        {
            Assert.Equal(pieces.Skip(starts[k]).Take(MaxTokens - 2), windows[k].Ids[1..^1]);
        }

        Assert.Equal(pieces.TakeLast(MaxTokens - 2), windows[^1].Ids[1..^1]);
        Assert.False(segments.Truncated);

        // Each distinct sentence that fits a window once, tokenised alone with <s> and </s> (how many fit depends on the
        // fixture's tokenizer, which is trained on the generated rows; the short insult always does).
        var fitting = sentences.Where(s => _tokenizer.EncodePieces(s).Count <= MaxTokens - 2).ToList();
        Assert.Contains("You are an idiot.", fitting);
        var sentenceRows = segments.Rows.Where(r => !r.IsWindow).Select(r => r.Ids).ToList();
        Assert.Equal(fitting.Select(s => _tokenizer.Encode(s, MaxTokens).Ids.ToArray()), sentenceRows);
    }

    [Fact]
    public void Windows_that_do_not_fit_keep_the_opening_and_the_end_and_say_truncated()
    {
        var text = string.Join(' ', Enumerable.Repeat("The seller answered quickly and the code worked", 12));
        var pieces = _tokenizer.EncodePieces(text);
        var policy = new SegmentationPolicy(MaxTokens, MaxSegments: 3);

        var segments = TextSegmenter.Segment(_tokenizer, text, policy);

        Assert.True(segments.Truncated);
        Assert.Equal(3, segments.Rows.Count);
        Assert.Equal(pieces.Take(policy.WindowContent), segments.Rows[0].Ids[1..^1]);
        Assert.Equal(pieces.Skip(policy.Stride).Take(policy.WindowContent), segments.Rows[1].Ids[1..^1]);
        Assert.Equal(pieces.TakeLast(policy.WindowContent), segments.Rows[2].Ids[1..^1]);
    }

    [Fact]
    public void Over_budget_the_shortest_sentences_are_kept()
    {
        const string text = "Thanks a lot for the quick and friendly answer today. Idiot. The code worked fine and fast for me.";
        var policy = new SegmentationPolicy(64, MaxSegments: 2) { SentenceThreshold = 0 };
        var segments = TextSegmenter.Segment(_tokenizer, text, policy);
        Assert.Equal(2, segments.Rows.Count);
        Assert.Equal(_tokenizer.Encode("Idiot.", 64).Ids, segments.Rows[1].Ids);
    }

    [Fact]
    public void A_text_that_fits_in_one_window_is_not_split_into_sentences_unless_asked()
    {
        const string text = "The seller answered quickly. You are an idiot.";
        Assert.Single(TextSegmenter.Segment(_tokenizer, text, new SegmentationPolicy(64)).Rows);
        var split = TextSegmenter.Segment(_tokenizer, text, new SegmentationPolicy(64) { SentenceThreshold = 0 });
        Assert.Equal(3, split.Rows.Count);
        Assert.Equal(_tokenizer.Encode("You are an idiot.", 64).Ids, split.Rows[2].Ids);
    }

    [Fact]
    public void First_window_only_is_the_encoding_before_whole_text_verdicts()
    {
        var text = string.Join(' ', Enumerable.Repeat("Fast delivery. Thanks a lot!", 10));
        var segments = TextSegmenter.Segment(_tokenizer, text, SegmentationPolicy.FirstWindowOnly(MaxTokens));
        var (ids, truncated) = _tokenizer.Encode(text, MaxTokens);
        Assert.Equal(ids, Assert.Single(segments.Rows).Ids);
        Assert.Equal(truncated, segments.Truncated);
    }
}
