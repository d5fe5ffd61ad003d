using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// A Mixture-of-Experts feed-forward block: a <see cref="Router"/> and E experts of the FFN's shape.
/// Dispatch is gather/scatter: expert e runs only on the tokens routed (and kept) to it
/// (<c>index_select</c> in, gate-weighted <c>index_add</c> out). Dropped and padding tokens get 0 here
/// and so pass through the layer on the residual. Parameters: <c>router.weight</c>,
/// <c>experts.E.intermediate.dense.*</c>, <c>experts.E.output.dense.*</c>.
/// </summary>
public sealed class MoeFeedForward : nn.Module<Tensor, Tensor, MoeOutput>
{
    private readonly Router router;
    private readonly ModuleList<XlmrFeedForward> experts;

    public MoeFeedForward(XlmrConfig config)
        : base(nameof(MoeFeedForward))
    {
        var moe = config.Moe;
        router = new Router(config.HiddenSize, moe.NumExperts, moe.TopK, moe.CapacityFactor);
        var expertLora = config.Lora is { OnExperts: true } ? config.Lora : null;
        experts = new ModuleList<XlmrFeedForward>(Enumerable.Range(0, moe.NumExperts).Select(_ => new XlmrFeedForward(config, expertLora)).ToArray());
        register_module("router", router);
        register_module("experts", experts);
    }

    public Router Router => router;
    public IReadOnlyList<XlmrFeedForward> Experts => [.. experts];

    /// <param name="hidden">[B, T, H].</param>
    /// <param name="valid">[B, T] bool, false for padding.</param>
    public override MoeOutput forward(Tensor hidden, Tensor valid)
    {
        using var scope = NewDisposeScope();
        var shape = hidden.shape;
        var tokens = hidden.reshape(-1, shape[^1]);          // [N, H]
        var plan = router.forward(tokens, valid);                // one routing group per row
        var output = Dispatch(tokens, plan).reshape(shape);
        var aux = Router.LoadBalancingLoss(plan.Probs, plan.Experts[.., 0], plan.Valid);
        var z = Router.ZLoss(plan.Logits, plan.Valid);
        var stats = RoutingStats.From(plan, shape[0]);
        plan.Dispose();
        return new MoeOutput(output.MoveToOuterDisposeScope(), aux.MoveToOuterDisposeScope(), z.MoveToOuterDisposeScope(), stats);
    }

    /// <summary>Runs each expert on its kept tokens only and scatters the gated results back. x: [N, H].</summary>
    public Tensor Dispatch(Tensor x, RoutingPlan plan)
    {
        using var scope = NewDisposeScope();
        var output = zeros_like(x);
        var keptGates = plan.Gates * plan.Kept.to(plan.Gates.dtype);             // [N, k]
        for (var e = 0; e < experts.Count; e++)
        {
            var slot = plan.Experts.eq(e).logical_and(plan.Kept);               // [N, k]; ≤ 1 true per row
            var rows = slot.any(1).nonzero().squeeze(1);                         // [n_e]
            if (rows.shape[0] == 0)
            {
                continue;
            }

            var gate = (keptGates * slot.to(keptGates.dtype)).sum(1).index_select(0, rows).unsqueeze(1); // [n_e, 1]
            var result = experts[e].forward(x.index_select(0, rows)) * gate;                            // [n_e, H]
            output = output.index_add(0, rows, result, 1);
        }

        return output.MoveToOuterDisposeScope();
    }

    /// <summary>Reference for tests: every expert on every token, mixed by the plan's combine matrix.</summary>
    internal Tensor DenseReference(Tensor x, RoutingPlan plan)
    {
        using var scope = NewDisposeScope();
        var combine = plan.CombineWeights();                                     // [N, E]
        var output = zeros_like(x);
        for (var e = 0; e < experts.Count; e++)
        {
            output = output + (experts[e].forward(x) * combine[.., e..(e + 1)]);
        }

        return output.MoveToOuterDisposeScope();
    }
}
