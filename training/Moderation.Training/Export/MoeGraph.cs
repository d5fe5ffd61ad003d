using Moderation.Training.Model;
using Onnx;
using static Moderation.Training.Export.OnnxGraphBuilder;

namespace Moderation.Training.Export;

/// <summary>
/// An MoE feed-forward block as standard ONNX operators with <see cref="Router"/>'s inference routing: top-k of the
/// router logits, gates = chosen probabilities over their sum, capacity C = ceil(capacityFactor·k·n/E) with n the
/// real tokens of the whole batch, places taken by choice rank then token order (CumSum), slots past C and padding
/// dropped. Every expert runs on every token (one batched MatMul per projection) and a [N, E] combine matrix that
/// is zero off the kept slots mixes them, which equals the TorchSharp gather/scatter dispatch.
/// N = B·T tokens, E experts, k choices per token.
/// </summary>
internal sealed class MoeGraph(OnnxGraphBuilder g, ModelWeights weights, XlmrConfig config)
{
    /// <param name="prefix"><c>roberta.encoder.layer.i.moe.</c></param>
    /// <param name="attended">[B, T, H] attention sublayer output.</param>
    /// <param name="valid">[B, T] bool.</param>
    /// <returns>[B, T, H], zero for dropped and padding tokens (they continue on the residual).</returns>
    public string Build(string prefix, string attended, string valid)
    {
        var p = prefix;
        var numExperts = config.Moe.NumExperts;
        var k = config.Moe.TopK;
        var x = g.Op("Reshape", p + "tokens", [attended, g.Vector("shape_tokens", -1, config.HiddenSize)]);     // [N, H]
        var validFlat = g.Op("Reshape", p + "valid", [valid, g.Vector("shape_flat", -1)]);                   // [N] bool
        var validLong = g.Op("Cast", p + "valid_long", [validFlat], Int("to", (long)TensorProto.Types.DataType.Int64));

        var (router, routerDims) = weights.Transposed(p + "router.weight");
        var logits = g.Op("MatMul", p + "router_logits", [x, g.Weight(p + "router.weight", router, routerDims)]); // [N, E]
        var probs = g.Op("Softmax", p + "router_probs", [logits], Int("axis", 1));
        var experts = g.Ops("TopK", p + "topk", 2, [logits, g.Vector("k", k)], Int("axis", 1), Int("largest", 1), Int("sorted", 1))[1]; // [N, k]
        var selected = g.Op("GatherElements", p + "selected_probs", [probs, experts], Int("axis", 1));
        var gates = g.Op("Div", p + "gates", [selected, g.Op("ReduceSum", p + "selected_sum", [selected, g.Vector("axes_1", 1)], Int("keepdims", 1))]);

        // C = ceil(capacityFactor · k · n / E) in double, evaluated in the same order as Router.Plan.
        var realTokens = g.Op("Cast", p + "real_tokens", [g.Op("ReduceSum", p + "real_count", [validLong], Int("keepdims", 0))], Int("to", (long)TensorProto.Types.DataType.Double));
        var scaled = g.Op("Mul", p + "capacity_scaled", [g.ScalarDouble("capacity_factor_k", config.Moe.CapacityFactor * k), realTokens]);
        var ratio = g.Op("Div", p + "capacity_ratio", [scaled, g.ScalarDouble("num_experts", numExperts)]);
        var capacity = g.Op("Cast", p + "capacity", [g.Op("Ceil", p + "capacity_ceil", [ratio])], Int("to", (long)TensorProto.Types.DataType.Int64));

        var validColumn = g.Op("Unsqueeze", p + "valid_column", [validLong, g.Vector("axes_1", 1)]);          // [N, 1]
        var expertIds = g.Vector("expert_ids", Enumerable.Range(0, numExperts).Select(e => (long)e).ToArray()); // [E]
        var taken = g.Int64s("taken_0", new long[numExperts], 1, numExperts);                                // [1, E]
        string? combine = null;
        for (var j = 0; j < k; j++)
        {
            var r = $"{p}rank{j}_";
            var choice = g.Op("Gather", r + "expert", [experts, g.Scalar("index", (long)j)], Int("axis", 1));   // [N]
            var matches = g.Op("Equal", r + "matches", [g.Op("Unsqueeze", r + "expert_column", [choice, g.Vector("axes_1", 1)]), expertIds]);
            var oneHot = g.Op("Mul", r + "one_hot", [g.Op("Cast", r + "one_hot_all", [matches], Int("to", (long)TensorProto.Types.DataType.Int64)), validColumn]); // [N, E]
            var before = g.Op("Add", r + "place_base", [g.Op("Sub", r + "cumsum_minus_one", [g.Op("CumSum", r + "cumsum", [oneHot, g.Scalar("axis_0", 0L)]), g.Scalar("one_long", 1L)]), taken]);
            var place = g.Op("ReduceSum", r + "place", [g.Op("Mul", r + "place_masked", [before, oneHot]), g.Vector("axes_1", 1)], Int("keepdims", 0)); // [N]
            var kept = g.Op("And", r + "kept", [g.Op("Less", r + "fits", [place, capacity]), validFlat]);
            var gate = g.Op("Gather", r + "gate", [gates, g.Scalar("index", (long)j)], Int("axis", 1));       // [N]
            var keptGate = g.Op("Mul", r + "kept_gate", [gate, g.Op("Cast", r + "kept_float", [kept], Int("to", (long)TensorProto.Types.DataType.Float))]);
            var slot = g.Op("Mul", r + "combine", [
                g.Op("Cast", r + "one_hot_float", [oneHot], Int("to", (long)TensorProto.Types.DataType.Float)),
                g.Op("Unsqueeze", r + "kept_gate_column", [keptGate, g.Vector("axes_1", 1)])]);                 // [N, E]
            combine = combine is null ? slot : g.Op("Add", r + "combine_sum", [combine, slot]);
            taken = g.Op("Add", r + "taken", [taken, g.Op("ReduceSum", r + "used", [oneHot, g.Vector("axes_0", 0)], Int("keepdims", 1))]);
        }

        // Every expert on every token: [1, N, H] × [E, H, F] → [E, N, F] → GELU → × [E, F, H] → [E, N, H].
        var names = Enumerable.Range(0, numExperts).Select(e => $"{p}experts.{e}.").ToArray();
        var (up, upDims) = weights.StackedTransposed(names.Select(n => n + "intermediate.dense.weight"));
        var (upBias, upBiasDims) = weights.StackedBiases(names.Select(n => n + "intermediate.dense.bias"));
        var (down, downDims) = weights.StackedTransposed(names.Select(n => n + "output.dense.weight"));
        var (downBias, downBiasDims) = weights.StackedBiases(names.Select(n => n + "output.dense.bias"));
        var shared = g.Op("Unsqueeze", p + "tokens_shared", [x, g.Vector("axes_0", 0)]);
        var raised = g.Op("Add", p + "experts_up", [
            g.Op("MatMul", p + "experts_up_matmul", [shared, g.Weight(p + "experts.intermediate.weight", up, upDims)]),
            g.Weight(p + "experts.intermediate.bias", upBias, upBiasDims)]);
        var activated = EncoderGraph.Gelu(g, p + "experts", raised);
        var lowered = g.Op("Add", p + "experts_down", [
            g.Op("MatMul", p + "experts_down_matmul", [activated, g.Weight(p + "experts.output.weight", down, downDims)]),
            g.Weight(p + "experts.output.bias", downBias, downBiasDims)]);
        var perExpert = g.Op("Unsqueeze", p + "combine_per_expert", [g.Op("Transpose", p + "combine_t", [combine!], Ints("perm", 1, 0)), g.Vector("axes_2", 2)]); // [E, N, 1]
        var mixed = g.Op("ReduceSum", p + "mixed", [g.Op("Mul", p + "weighted", [lowered, perExpert]), g.Vector("axes_0", 0)], Int("keepdims", 0)); // [N, H]
        return g.Op("Reshape", p + "output", [mixed, g.Op("Shape", p + "input_shape", [attended])]);
    }
}
