namespace Moderation.Text.Tests;

public class SegmentScoresTests
{
    [Fact]
    public void One_row_is_its_own_score()
    {
        float[] family = [0.2f, 0.8f], categories = [0.1f, 0.3f];
        var (f, c) = SegmentScores.Combine([new TextSegment([0, 5, 2], true)], [family], [categories]);
        Assert.Equal(family, f);
        Assert.Equal(categories, c);
    }

    [Fact]
    public void Categories_take_the_highest_row_and_the_family_the_token_weighted_windows()
    {
        TextSegment[] rows =
        [
            new([0, 5, 6, 7, 2], true),   // 3 tokens of text
            new([0, 8, 2], true),         // 1 token
            new([0, 9, 2], false),        // a sentence: no family vote
        ];
        float[][] families = [[0.9f, 0.1f], [0.1f, 0.9f], [0f, 1f]];
        float[][] categories = [[0.1f, 0.2f], [0.3f, 0.1f], [0.05f, 0.95f]];

        var (family, category) = SegmentScores.Combine(rows, families, categories);

        Assert.Equal([0.3f, 0.95f], category);
        Assert.Equal(((3 * 0.9) + 0.1) / 4, family[0], 5);
        Assert.Equal(((3 * 0.1) + 0.9) / 4, family[1], 5);
    }

    [Fact]
    public void Softmax_and_sigmoid_match_their_definitions()
    {
        var softmax = SegmentScores.Softmax([1f, 2f, 3f]);
        var sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(3) / sum, softmax[2], 6);
        Assert.Equal(1f, softmax.Sum(), 5);
        Assert.Equal(1 / (1 + Math.Exp(2)), SegmentScores.Sigmoid([-2f])[0], 6);
    }

    [Fact]
    public void Mismatched_scores_are_refused() =>
        Assert.Throws<ArgumentException>(() => SegmentScores.Combine([new TextSegment([0, 2], true)], [], []));
}
