using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Model;

/// <summary>The character n-gram branch: its parameters, that the heads read it, that padding does not count, and that it is saved.</summary>
public sealed class CharNgramBranchTests
{
    private static readonly CharNgramConfig Branch = new() { Buckets = 50, Dimension = 6 };

    [Fact]
    public void The_branch_adds_the_bag_table_and_widens_the_family_and_category_projections()
    {
        using var plain = TestModels.Build(TestModels.Tiny());
        using var withBag = TestModels.Build(TestModels.Tiny() with { CharNgrams = Branch });
        var plainState = plain.state_dict();
        var state = withBag.state_dict();

        Assert.DoesNotContain(plainState.Keys, k => k.Contains("ngrams", StringComparison.Ordinal));
        Assert.Equal([50L, 6L], state["heads.ngrams.weight"].shape);
        Assert.Equal([3L, 32L], plainState["heads.family.weight"].shape);
        Assert.Equal([3L, 32L + 6], state["heads.family.weight"].shape);
        Assert.Equal([5L, 32L + 6], state["heads.categories.weight"].shape);
        Assert.Equal(plain.ParameterCounts().Total + (50 * 6) + ((3 + 5) * 6), withBag.ParameterCounts().Total);
    }

    [Fact]
    public void Both_heads_depend_on_the_ngrams_and_masked_padding_does_not_count()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false) with { CharNgrams = Branch });
        var (ids, mask) = TestModels.Batch([5, 6, 7], [5, 6, 7]);
        using var ngrams = new NgramBatch([[1, 2, 3], [40, 41]]);
        using var output = model.forward(ids, mask, null, ngrams);
        // Same tokens, different n-grams: different logits in both heads.
        Assert.True((output.FamilyLogits[0] - output.FamilyLogits[1]).abs().max().item<float>() > 1e-4);
        Assert.True((output.CategoryLogits[0] - output.CategoryLogits[1]).abs().max().item<float>() > 1e-4);

        // Row 1 alone (no padding) equals row 1 in the batch (padded to three n-grams under mask 0).
        var (aloneIds, aloneMask) = TestModels.Batch([5, 6, 7]);
        using var aloneNgrams = new NgramBatch([[40, 41]]);
        using var alone = model.forward(aloneIds, aloneMask, null, aloneNgrams);
        TestModels.AssertClose(output.FamilyLogits[1..2], alone.FamilyLogits, 1e-6);
        TestModels.AssertClose(output.CategoryLogits[1..2], alone.CategoryLogits, 1e-6);

        // The bag is the mean: repeating every n-gram leaves it unchanged, a different mix does not.
        using var doubled = new NgramBatch([[1, 2, 3, 1, 2, 3], [40, 41, 40, 41]]);
        using var again = model.forward(ids, mask, null, doubled);
        TestModels.AssertClose(output.FamilyLogits, again.FamilyLogits, 1e-6);
    }

    [Fact]
    public void A_model_with_the_branch_needs_ngrams_and_one_without_refuses_them()
    {
        using var withBag = TestModels.Build(TestModels.Tiny() with { CharNgrams = Branch });
        using var plain = TestModels.Build(TestModels.Tiny());
        var (ids, mask) = TestModels.Batch([5, 6, 7]);
        using var ngrams = new NgramBatch([[1, 2]]);
        Assert.Contains("char_ngrams", Assert.Throws<ArgumentException>(() => withBag.forward(ids, mask, null)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => plain.forward(ids, mask, null, ngrams));
    }

    [Fact]
    public void Save_and_load_keep_the_bag_and_configs_without_the_field_load_without_it()
    {
        using var model = TestModels.Build(TestModels.Tiny() with { CharNgrams = Branch });
        var path = TestModels.TempFile("model.safetensors");
        model.Save(path);
        using var loaded = ModerationModel.Load(path);
        loaded.eval();
        Assert.Equal(Branch, loaded.Config.CharNgrams);
        TestModels.AssertClose(model.state_dict()["heads.ngrams.weight"], loaded.state_dict()["heads.ngrams.weight"], 0);
        Assert.Contains("\"char_ngrams\":{\"buckets\":50,\"dimension\":6}", model.Config.ToJson(), StringComparison.Ordinal);

        var old = TestModels.Tiny().ToJson().Replace(",\"char_ngrams\":null", "", StringComparison.Ordinal);
        Assert.DoesNotContain("char_ngrams", old, StringComparison.Ordinal);
        Assert.Null(XlmrConfig.FromJson(old).CharNgrams);
    }
}
