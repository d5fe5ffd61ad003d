using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

public sealed class CategoryBalanceTests
{
    [Fact]
    public void Positive_weights_are_negatives_over_positives_capped()
    {
        TrainingExample Row(params float[] categories) => new([0, 2], 0, categories, "en", false);
        var rows = new List<TrainingExample>();
        rows.AddRange(Enumerable.Range(0, 3).Select(_ => Row(1, 0, 0)));   // 3 positives of category 0
        rows.AddRange(Enumerable.Range(0, 9).Select(_ => Row(0, 0, 0)));
        rows.Add(Row(0, 1, 0));                                            // 1 positive of category 1
        rows.AddRange(Enumerable.Range(0, 14).Select(_ => Row(0, 0, 0)));
        var weights = CategoryBalance.PositiveWeights(rows);
        Assert.Equal(24f / 3f, weights[0], 5);
        Assert.Equal(CategoryBalance.Cap, weights[1]);                    // 26 / 1, capped
        Assert.Equal(1f, weights[2]);                                     // no positives: neutral
    }
}
