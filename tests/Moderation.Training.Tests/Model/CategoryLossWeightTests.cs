using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Model;

public sealed class CategoryLossWeightTests
{
    [Fact]
    public void The_weight_scales_the_category_term_and_nothing_else()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false), seed: 5);
        model.eval();
        using var ids = tensor(new long[] { 0, 5, 6, 7, 2, 0, 8, 9, 2, 1 }, [2, 5]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 }, [2, 5]);
        using var families = tensor(new long[] { 0, 2 });
        using var categories = tensor(new float[] { 1, 0, 0, 0, 0, 0, 0, 1, 0, 0 }, [2, 5]);
        using var output = model.forward(ids, mask, null);

        using var equal = new ModerationLoss().Compute(output, families, categories);
        using var tripled = new ModerationLoss(CategoryWeight: 3f).Compute(output, families, categories);

        Assert.Equal(equal.Family, tripled.Family, 6);
        Assert.Equal(equal.Categories, tripled.Categories, 6);
        Assert.Equal(equal.Family + (3 * equal.Categories) + equal.Aux, tripled.Total.item<float>(), 4);
        Assert.Equal(equal.Family + equal.Categories + equal.Aux, equal.Total.item<float>(), 4);
    }
}
