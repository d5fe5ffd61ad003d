using Moderation.Training.Model;
using Onnx;
using static Moderation.Training.Export.OnnxGraphBuilder;

namespace Moderation.Training.Export;

/// <summary>
/// An MoE feed-forward block as standard ONNX operators with <see cref="Router"/>'s inference routing: top-k of the
/// router logits, gates = chosen probabilities over their sum, capacity C = ceil(capacityFactor·k·n/E) per routing
/// group (one sequence) with n its real tokens, places taken by choice rank then token order (CumSum), slots past C
/// and padding dropped. A [N, E] combine matrix (the gate on kept slots, 0 elsewhere) picks each expert's tokens; the
/// expert runs on those rows only and its gated result is scattered back, as the TorchSharp gather/scatter dispatch does.
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

        // C per sequence = ceil(capacityFactor · k · n / E) in double, evaluated in the same order as Router.Plan. [B, 1]
        var validRows = g.Op("Cast", p + "valid_rows_long", [valid], Int("to", (long)TensorProto.Types.DataType.Int64)); // [B, T]
        var realTokens = g.Op("Cast", p + "real_tokens", [g.Op("ReduceSum", p + "real_count", [validRows, g.Vector("axes_1", 1)], Int("keepdims", 1))], Int("to", (long)TensorProto.Types.DataType.Double));
        var scaled = g.Op("Mul", p + "capacity_scaled", [g.ScalarDouble("capacity_factor_k", config.Moe.CapacityFactor * k), realTokens]);
        var ratio = g.Op("Div", p + "capacity_ratio", [scaled, g.ScalarDouble("num_experts", numExperts)]);
        var capacity = g.Op("Cast", p + "capacity", [g.Op("Ceil", p + "capacity_ceil", [ratio])], Int("to", (long)TensorProto.Types.DataType.Int64));
        var groupShape = g.Op("Concat", p + "group_shape", [g.Op("Shape", p + "valid_shape", [valid]), g.Vector("num_experts_dim", numExperts)], Int("axis", 0)); // [B, T, E]

        var validColumn = g.Op("Unsqueeze", p + "valid_column", [validLong, g.Vector("axes_1", 1)]);          // [N, 1]
        var expertIds = g.Vector("expert_ids", Enumerable.Range(0, numExperts).Select(e => (long)e).ToArray()); // [E]
        var taken = g.Int64s("taken_0", new long[numExperts], 1, 1, numExperts);                             // [1, 1, E]
        string? combine = null;
        for (var j = 0; j < k; j++)
        {
            var r = $"{p}rank{j}_";
            var choice = g.Op("Gather", r + "expert", [experts, g.Scalar("index", (long)j)], Int("axis", 1));   // [N]
            var matches = g.Op("Equal", r + "matches", [g.Op("Unsqueeze", r + "expert_column", [choice, g.Vector("axes_1", 1)]), expertIds]);
            var oneHot = g.Op("Mul", r + "one_hot", [g.Op("Cast", r + "one_hot_all", [matches], Int("to", (long)TensorProto.Types.DataType.Int64)), validColumn]); // [N, E]
            var grouped = g.Op("Reshape", r + "one_hot_rows", [oneHot, groupShape]);                                       // [B, T, E]
            var before = g.Op("Add", r + "place_base", [g.Op("Sub", r + "cumsum_minus_one", [g.Op("CumSum", r + "cumsum", [grouped, g.Scalar("axis_1", 1L)]), g.Scalar("one_long", 1L)]), taken]);
            var place = g.Op("ReduceSum", r + "place", [g.Op("Mul", r + "place_masked", [before, grouped]), g.Vector("axes_2", 2)], Int("keepdims", 0)); // [B, T]
            var fits = g.Op("Reshape", r + "fits_flat", [g.Op("Less", r + "fits", [place, capacity]), g.Vector("shape_flat", -1)]); // [N]
            var kept = g.Op("And", r + "kept", [fits, validFlat]);
            var gate = g.Op("Gather", r + "gate", [gates, g.Scalar("index", (long)j)], Int("axis", 1));       // [N]
            var keptGate = g.Op("Mul", r + "kept_gate", [gate, g.Op("Cast", r + "kept_float", [kept], Int("to", (long)TensorProto.Types.DataType.Float))]);
            var slot = g.Op("Mul", r + "combine", [
                g.Op("Cast", r + "one_hot_float", [oneHot], Int("to", (long)TensorProto.Types.DataType.Float)),
                g.Op("Unsqueeze", r + "kept_gate_column", [keptGate, g.Vector("axes_1", 1)])]);                 // [N, E]
            combine = combine is null ? slot : g.Op("Add", r + "combine_sum", [combine, slot]);
            taken = g.Op("Add", r + "taken", [taken, g.Op("ReduceSum", r + "used", [grouped, g.Vector("axes_1", 1)], Int("keepdims", 1))]); // [B, 1, E]
        }

        // Each expert on its kept tokens only, as MoeFeedForward.Dispatch does: rows = NonZero(combine[:, e]),
        // Gather in, FFN, × gate, ScatterND into zeros and add. An expert with no tokens works on empty tensors.
        var output = g.Op("ConstantOfShape", p + "output_zeros", [g.Op("Shape", p + "tokens_shape", [x])], ZeroFloat());
        for (var e = 0; e < numExperts; e++)
        {
            var name = $"{p}experts.{e}.";
            var gateColumn = g.Op("Gather", name + "gate_all", [combine!, g.Scalar("index", (long)e)], Int("axis", 1));     // [N]
            var positions = g.Op("NonZero", name + "positions", [gateColumn]);                                             // [1, n_e]
            var rows = g.Op("Squeeze", name + "rows", [positions, g.Vector("axes_0", 0)]);                               // [n_e]
            var tokens = g.Op("Gather", name + "tokens", [x, rows], Int("axis", 0));                                       // [n_e, H]
            var hidden = EncoderGraph.Gelu(g, name + "intermediate", EncoderGraph.Linear(g, weights, name + "intermediate.dense", tokens));
            var result = EncoderGraph.Linear(g, weights, name + "output.dense", hidden);                                                            // [n_e, H]
            var gate = g.Op("Unsqueeze", name + "gate", [g.Op("Gather", name + "gate_rows", [gateColumn, rows], Int("axis", 0)), g.Vector("axes_1", 1)]);
            var scattered = g.Op("ScatterND", name + "scattered", [
                g.Op("ConstantOfShape", name + "zeros", [g.Op("Shape", name + "zeros_shape", [x])], ZeroFloat()),
                g.Op("Transpose", name + "indices", [positions], Ints("perm", 1, 0)),                                    // [n_e, 1]
                g.Op("Mul", name + "gated", [result, gate])]);
            output = g.Op("Add", name + "accumulated", [output, scattered]);
        }

        return g.Op("Reshape", p + "output", [output, g.Op("Shape", p + "input_shape", [attended])]);
    }

    private static AttributeProto ZeroFloat() => new()
    {
        Name = "value",
        Type = AttributeProto.Types.AttributeType.Tensor,
        T = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, Dims = { 1 }, FloatData = { 0f } },
    };
}
