using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Model;

public sealed class CategoryPoolingTests
{
    [Fact]
    public void Mean_max_categories_read_the_masked_mean_and_max_of_every_token_through_their_own_dense_layer()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false) with { CategoryPooling = CategoryPooling.MeanMax });
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8, 9, 10], [11, 12]);
        using var output = model.forward(ids, mask, null);
        var encoded = model.Roberta.forward(ids, mask, null);
        var state = model.state_dict();

        for (var row = 0; row < 2; row++)
        {
            var length = (int)mask[row].sum().item<long>();
            using var tokens = encoded.Hidden[row, ..length, ..];                      // the real tokens only
            using var pooled = cat([tokens.mean([0]), tokens.amax([0])], 0);
            using var hidden = nn.functional.linear(pooled, state["heads.category_dense.weight"], state["heads.category_dense.bias"]).tanh();
            using var expected = nn.functional.linear(hidden, state["heads.categories.weight"], state["heads.categories.bias"]);
            TestModels.AssertClose(expected, output.CategoryLogits[row]);
        }

        Assert.Equal([model.Config.HiddenSize, 2 * model.Config.HiddenSize], state["heads.category_dense.weight"].shape);
    }

    [Fact]
    public void Mean_max_leaves_the_family_head_on_the_first_token_and_cls_has_no_category_dense_layer()
    {
        using var cls = TestModels.Build(TestModels.Tiny(moe: false), seed: 3);
        using var pooled = TestModels.Build(TestModels.Tiny(moe: false) with { CategoryPooling = CategoryPooling.MeanMax }, seed: 3);
        var shared = cls.state_dict();
        using (no_grad())
        {
            foreach (var (name, tensor) in pooled.state_dict().Where(kv => shared.ContainsKey(kv.Key)))
            {
                tensor.copy_(shared[name]);
            }
        }

        var (ids, mask) = TestModels.Batch([5, 6, 7], [8, 9, 10, 11, 12]);
        using var a = cls.forward(ids, mask, null);
        using var b = pooled.forward(ids, mask, null);
        TestModels.AssertClose(a.FamilyLogits, b.FamilyLogits, 0);
        Assert.True((a.CategoryLogits - b.CategoryLogits).abs().max().item<float>() > 1e-3, "the category head should read something else");
        Assert.DoesNotContain(shared.Keys, k => k.StartsWith("heads.category_dense", StringComparison.Ordinal));
    }

    [Fact]
    public void Padding_does_not_change_a_rows_mean_max_category_logits()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false) with { CategoryPooling = CategoryPooling.MeanMax });
        var (ids, mask) = TestModels.Batch([5, 6], [7, 8, 9, 10, 11, 12, 13, 14]);
        using var batched = model.forward(ids, mask, null);
        var (aloneIds, aloneMask) = TestModels.Batch([5, 6]);
        using var alone = model.forward(aloneIds, aloneMask, null);
        TestModels.AssertClose(alone.CategoryLogits[0], batched.CategoryLogits[0]);
    }

    [Fact]
    public void A_config_written_before_the_option_reads_as_cls_and_the_option_round_trips()
    {
        var old = XlmrConfig.FromJson("""{"vocab_size":100,"hidden_size":32,"num_layers":2,"num_heads":4,"intermediate_size":64,"max_positions":34}""");
        Assert.Equal(CategoryPooling.Cls, old.CategoryPooling);
        var json = (old with { CategoryPooling = CategoryPooling.MeanMax }).ToJson();
        Assert.Contains("\"category_pooling\":\"mean-max\"", json, StringComparison.Ordinal);
        Assert.Equal(CategoryPooling.MeanMax, XlmrConfig.FromJson(json).CategoryPooling);
    }
}
