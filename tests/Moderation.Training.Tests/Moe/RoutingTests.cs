using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Moe;

public sealed class RoutingTests
{
    public RoutingTests() => Moderation.Training.Native.TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Capacity_is_respected_and_first_come_tokens_win()
    {
        // 8 real tokens all prefer expert 0; E = 4, k = 1, factor 1 → capacity ceil(8/4) = 2.
        using var logits = tensor(Enumerable.Range(0, 8).SelectMany(_ => new[] { 5f, 0f, 0f, 0f }).ToArray(), [8, 4]);
        using var valid = ones(8, dtype: ScalarType.Bool);
        using var experts = Router.SelectExperts(logits, 1, temperature: 0);
        using var plan = Router.Plan(logits, experts, valid, capacityFactor: 1.0);
        Assert.Equal(2, plan.Capacity);
        Assert.Equal(new[] { true, true, false, false, false, false, false, false }, plan.Kept[.., 0].data<bool>().ToArray());
        Assert.Equal(new long[] { 2, 0, 0, 0 }, RoutingStats.From(plan).TokensPerExpert);
        Assert.Equal(0.75, RoutingStats.From(plan).DroppedFraction, 6);
    }

    [Fact]
    public void With_top2_first_choices_take_places_before_second_choices()
    {
        // Token 0 prefers 1 then 0; tokens 1..3 prefer 0 then 1. Capacity = ceil(1.0 * 2 * 4 / 4) = 2.
        float[] rows = [1f, 5f, 0f, 0f, 5f, 1f, 0f, 0f, 5f, 1f, 0f, 0f, 5f, 1f, 0f, 0f];
        using var logits = tensor(rows, [4, 4]);
        using var valid = ones(4, dtype: ScalarType.Bool);
        using var experts = Router.SelectExperts(logits, 2, temperature: 0);
        using var plan = Router.Plan(logits, experts, valid, capacityFactor: 1.0);
        var kept = plan.Kept.data<bool>().ToArray(); // [token, choice]
        // Expert 0: first choices of tokens 1 and 2 fill it; token 3's first choice and token 0's second choice overflow.
        // Expert 1: token 0's first choice, then token 1's second choice; tokens 2 and 3's second choices overflow.
        Assert.Equal(new[] { true, false, true, true, true, false, false, false }, kept);
        using var gateSums = plan.Gates.sum(1);
        TestModels.AssertClose(ones(4), gateSums);
    }

    [Fact]
    public void Padding_tokens_are_never_routed()
    {
        using var logits = randn(6, 4);
        using var valid = tensor(new[] { true, true, true, false, false, false });
        using var experts = Router.SelectExperts(logits, 1, 0);
        using var plan = Router.Plan(logits, experts, valid, capacityFactor: 4.0);
        Assert.Equal(new[] { true, true, true, false, false, false }, plan.Kept[.., 0].data<bool>().ToArray());
        Assert.Equal(3, plan.Capacity);
    }

    [Fact]
    public void Each_row_is_its_own_routing_group_with_its_own_capacity()
    {
        // Two rows of 4 slots, E = 4, k = 1, factor 1: row 0 has 4 real tokens all preferring expert 0
        // (C = ceil(4/4) = 1: one kept), row 1 has 2 real tokens preferring expert 0 (C = ceil(2/4) = 1:
        // one kept). Row 1's first token keeps its place although row 0 filled expert 0 before it.
        float[] prefersZero = [5f, 0f, 0f, 0f];
        using var logits = tensor(Enumerable.Range(0, 8).SelectMany(_ => prefersZero).ToArray(), [8, 4]);
        using var valid = tensor(new[] { true, true, true, true, true, true, false, false }, [2, 4]);
        using var experts = Router.SelectExperts(logits, 1, temperature: 0);
        using var plan = Router.Plan(logits, experts, valid, capacityFactor: 1.0);
        Assert.Equal(1, plan.Capacity);
        Assert.Equal(new[] { true, false, false, false, true, false, false, false }, plan.Kept[.., 0].data<bool>().ToArray());
        Assert.Equal(new[] { true, true, true, true, true, true, false, false }, plan.Valid.data<bool>().ToArray());
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.75)]
    public void A_sequence_gets_the_same_output_alone_or_batched_even_when_tokens_overflow(int topK, double capacityFactor)
    {
        torch.manual_seed(11);
        using var model = TestModels.Build(TestModels.Tiny(topK: topK, capacityFactor: capacityFactor));
        model.eval();
        int[] text = [5, 9, 14, 9, 22, 31, 7, 5, 18, 40];
        // The text comes last: under a batch-wide capacity the rows before it would take the experts'
        // places first (its <s> token, which the heads read, would overflow); per row they cannot.
        var (batchIds, batchMask) = TestModels.Batch([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25], [6, 6, 6], text);
        var (aloneIds, aloneMask) = TestModels.Batch(text);
        using var _ = no_grad();
        using var batched = model.forward(batchIds, batchMask, null);
        using var alone = model.forward(aloneIds, aloneMask, null);
        Assert.Contains(batched.Routing, r => r.DroppedFraction > 0); // the capacity rule is really dropping slots
        TestModels.AssertClose(alone.FamilyLogits, batched.FamilyLogits[2..3]);
        TestModels.AssertClose(alone.CategoryLogits, batched.CategoryLogits[2..3]);
        foreach (var t in new[] { batchIds, batchMask, aloneIds, aloneMask })
        {
            t.Dispose();
        }
    }

    [Fact]
    public void Load_balancing_loss_is_one_for_uniform_routing_and_grows_with_imbalance()
    {
        using var valid = ones(8, dtype: ScalarType.Bool);
        using var uniformProbs = full(8, 4, 0.25f);
        using var spread = tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 });
        using var uniform = Router.LoadBalancingLoss(uniformProbs, spread, valid);
        Assert.Equal(1.0, uniform.item<float>(), 5);

        var previous = 1.0;
        foreach (var skew in new[] { 0.4f, 0.7f, 1.0f })
        {
            // skew of the probability mass and of the assignments towards expert 0
            var rest = (1 - (0.25f + (0.75f * skew))) / 3;
            using var probs = tensor(Enumerable.Range(0, 8).SelectMany(_ => new[] { 0.25f + (0.75f * skew), rest, rest, rest }).ToArray(), [8, 4]);
            var toZero = (int)Math.Round(2 + (6 * skew));
            using var choice = tensor(Enumerable.Range(0, 8).Select(i => i < toZero ? 0L : (i % 3) + 1L).ToArray());
            using var loss = Router.LoadBalancingLoss(probs, choice, valid);
            Assert.True(loss.item<float>() > previous + 0.05, $"skew {skew}: {loss.item<float>()} not above {previous}");
            previous = loss.item<float>();
        }

        Assert.Equal(4.0, previous, 4); // everything on one expert: E
    }

    [Fact]
    public void Z_loss_is_the_mean_squared_logsumexp_of_real_tokens()
    {
        using var valid = tensor(new[] { true, true, false });
        using var logits = tensor(new float[] { 10, 10, 10, 10, 0, 0, 0, 0, 500, 500, 500, 500 }, [3, 4]);
        using var z = Router.ZLoss(logits, valid);
        var big = 10 + Math.Log(4);
        var small = Math.Log(4);
        Assert.Equal(((big * big) + (small * small)) / 2, z.item<float>(), 3); // the padding row (500s) is ignored
    }

    [Theory]
    [InlineData(1, 1.25)]
    [InlineData(2, 1.25)]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.5)]
    public void Gather_scatter_dispatch_equals_the_dense_reference(int topK, double capacityFactor)
    {
        torch.manual_seed(3);
        using var moe = new MoeFeedForward(TestModels.Tiny(topK: topK, capacityFactor: capacityFactor));
        moe.eval();
        using var x = randn(24, 32);
        using var valid = ones(24, dtype: ScalarType.Bool);
        using var plan = moe.Router.forward(x, valid);
        using var sparse = moe.Dispatch(x, plan);
        using var dense = moe.DenseReference(x, plan);
        TestModels.AssertClose(dense, sparse);
        if (capacityFactor < 1)
        {
            // Overflowing tokens get exactly zero from the block: the layer passes them through on the residual.
            using var anyKept = plan.Kept.any(1);
            using var droppedRows = anyKept.logical_not().nonzero().squeeze(1);
            Assert.True(droppedRows.shape[0] > 0);
            using var dropped = sparse.index_select(0, droppedRows);
            Assert.Equal(0f, dropped.abs().max().item<float>());
        }
    }

    [Fact]
    public void Experts_only_run_on_their_own_tokens()
    {
        torch.manual_seed(5);
        using var moe = new MoeFeedForward(TestModels.Tiny());
        moe.eval();
        using var x = randn(16, 32);
        using var valid = ones(16, dtype: ScalarType.Bool);
        using var plan = moe.Router.forward(x, valid);
        // Break every expert but the first: tokens not routed to the others must be unaffected.
        using (no_grad())
        {
            foreach (var (name, p) in moe.named_parameters().Where(p => !p.name.StartsWith("experts.0.", StringComparison.Ordinal) && p.name.StartsWith("experts.", StringComparison.Ordinal)))
            {
                p.fill_(float.NaN);
            }
        }

        using var output = moe.Dispatch(x, plan);
        using var toFirst = plan.Experts[.., 0].eq(0).logical_and(plan.Kept[.., 0]).nonzero().squeeze(1);
        using var rows = output.index_select(0, toFirst);
        Assert.True(toFirst.shape[0] > 0);
        Assert.False(rows.isnan().any().item<bool>());
    }
}
