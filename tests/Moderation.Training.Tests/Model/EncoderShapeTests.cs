using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Model;

public sealed class EncoderShapeTests
{
    [Fact]
    public void Forward_returns_family_and_category_logits_and_a_scalar_aux_loss()
    {
        using var model = TestModels.Build(TestModels.Tiny());
        var (ids, mask) = TestModels.Batch([5, 6, 7], [8, 9]);
        using var output = model.forward(ids, mask, null);
        Assert.Equal(new long[] { 2, 3 }, output.FamilyLogits.shape);
        Assert.Equal(new long[] { 2, 5 }, output.CategoryLogits.shape);
        Assert.Equal(0, output.AuxLoss.dim());
        Assert.Single(output.Routing); // layer 1 of 2 is MoE (every second layer)
        Assert.True(output.AuxLoss.item<float>() > 0);
    }

    [Fact]
    public void Position_ids_count_real_tokens_from_padding_index_plus_one()
    {
        using var ids = tensor(new long[] { 0, 5, 6, 2, 1, 1, 0, 2, 1, 1, 1, 1 }, [2, 6]);
        using var positions = XlmrEmbeddings.PositionIds(ids, padTokenId: 1);
        Assert.Equal(new long[] { 2, 3, 4, 5, 1, 1, 2, 3, 1, 1, 1, 1 }, positions.data<long>().ToArray());
    }

    [Fact]
    public void Padding_does_not_change_the_real_tokens_outputs()
    {
        using var model = TestModels.Build(TestModels.Tiny());
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8]);
        var (paddedIds, paddedMask) = TestModels.Batch([5, 6, 7, 8], [9, 9, 9, 9, 9, 9, 9, 9, 9]);
        using var alone = model.forward(ids, mask, null);
        using var padded = model.forward(paddedIds[0..1], paddedMask[0..1], null);
        Assert.Equal(9 + 2, paddedIds.shape[1]);
        TestModels.AssertClose(alone.FamilyLogits, padded.FamilyLogits);
        TestModels.AssertClose(alone.CategoryLogits, padded.CategoryLogits);
    }

    [Fact]
    public void Padding_tokens_are_not_attended_to()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false));
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8]);
        using var longer = cat([ids, full(1, 3, 1L, ScalarType.Int64)], 1);
        using var longerMask = cat([mask, zeros(1, 3, ScalarType.Int64)], 1);
        // Garbage in padded positions must not leak into <s> either: change the ids under mask 0.
        using var garbage = longer.clone();
        garbage[0, 7] = tensor(42L);
        using var a = model.forward(longer, longerMask, null);
        using var b = model.forward(garbage, longerMask, null);
        TestModels.AssertClose(a.FamilyLogits, b.FamilyLogits);
    }

    [Fact]
    public void Input_longer_than_the_position_table_is_refused()
    {
        using var model = TestModels.Build(TestModels.Tiny());
        var (ids, mask) = TestModels.Batch(Enumerable.Repeat(5, 40).ToArray());
        var error = Assert.Throws<ArgumentException>(() => model.forward(ids, mask, null));
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
        var (shortIds, shortMask) = TestModels.Batch([5, 6]);
        Assert.Throws<ArgumentException>(() => model.forward(shortIds, shortMask[.., 1..], null));
    }

    [Fact]
    public void Presets_have_the_documented_shapes_and_invalid_configs_are_rejected()
    {
        var baseConfig = XlmrConfig.Preset("xlmr-base");
        Assert.Equal((250_002, 12, 768, 12, 3072, 514), (baseConfig.VocabSize, baseConfig.NumLayers, baseConfig.HiddenSize, baseConfig.NumHeads, baseConfig.IntermediateSize, baseConfig.MaxPositions));
        var tiny = XlmrConfig.Preset("tiny", vocabSize: 12_000);
        Assert.Equal((12_000, 128, 130, 128), (tiny.VocabSize, tiny.HiddenSize, tiny.MaxPositions, tiny.MaxSequenceLength));
        Assert.Throws<ArgumentException>(() => XlmrConfig.Preset("huge"));
        Assert.Throws<ArgumentException>(() => (tiny with { NumHeads = 3 }).Validate());
        Assert.Throws<ArgumentException>(() => (tiny with { Moe = new MoeConfig { TopK = 3 } }).Validate());
        Assert.Equal(tiny, XlmrConfig.FromJson(tiny.ToJson()));
    }
}
