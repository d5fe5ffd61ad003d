using Moderation.Training.Model;
using static Moderation.Training.Export.OnnxGraphBuilder;

namespace Moderation.Training.Export;

/// <summary>
/// Emits the moderation network as ONNX operators, module by module, mirroring the TorchSharp code in eval mode
/// (dropout is the identity): embeddings, post-LayerNorm layers with dense or MoE feed-forward, the heads (see <see cref="ModerationHeads"/>).
/// Shapes: B batch, T sequence, H hidden, F feed-forward, nh heads, hd head size.
/// </summary>
internal sealed class EncoderGraph(OnnxGraphBuilder g, ModelWeights weights, XlmrConfig config)
{
    /// <summary>
    /// ids [B, T] int64, mask [B, T] int64 (and, with the n-gram branch, n-gram ids and mask [B, N] int64)
    /// → (family logits [B, families], category logits [B, categories]).
    /// </summary>
    public (string Family, string Categories) Build(string ids, string mask, (string Ids, string Mask)? ngrams = null)
    {
        var hidden = Embeddings(ids);
        var valid = g.Op("Cast", "valid", [mask], Int("to", (long)Onnx.TensorProto.Types.DataType.Bool)); // [B, T] bool
        var additive = AdditiveMask(valid);
        var moe = new MoeGraph(g, weights, config);
        for (var i = 0; i < config.NumLayers; i++)
        {
            var prefix = $"roberta.encoder.layer.{i}.";
            var attended = Attention(prefix, hidden, additive);
            var ffn = config.Moe.IsMoeLayer(i) ? moe.Build(prefix + "moe.", attended, valid) : DenseFeedForward(prefix, attended);
            hidden = LayerNorm(prefix + "output.LayerNorm", g.Op("Add", prefix + "ffn_residual", [ffn, attended]));
        }

        return Heads(hidden, valid, ngrams is { } n ? NgramBag(n.Ids, n.Mask) : null);
    }

    /// <summary>word + position + token-type embeddings, then LayerNorm. Position ids: cumsum(ids ≠ pad)·(ids ≠ pad) + pad.</summary>
    private string Embeddings(string ids)
    {
        const string p = "roberta.embeddings.";
        var pad = g.Scalar("pad_id", (long)config.PadTokenId);
        var isPad = g.Op("Equal", "is_pad", [ids, pad]);
        var notPad = g.Op("Cast", "not_pad", [g.Op("Not", "not_pad_bool", [isPad])], Int("to", (long)Onnx.TensorProto.Types.DataType.Int64));
        var counted = g.Op("CumSum", "position_count", [notPad, g.Scalar("axis_1", 1L)]);
        var positions = g.Op("Add", "position_ids", [g.Op("Mul", "position_masked", [counted, notPad]), pad]);

        var word = g.Op("Gather", "word_embedded", [Table(p + "word_embeddings.weight"), ids], Int("axis", 0));
        var position = g.Op("Gather", "position_embedded", [Table(p + "position_embeddings.weight"), positions], Int("axis", 0));
        // Token types are all 0 at inference (no token_type_ids input), so the type embedding is row 0 broadcast.
        var (types, typeDims) = weights.Raw(p + "token_type_embeddings.weight");
        var typeRow = g.Weight(p + "token_type_embeddings.row0", types.AsSpan(0, (int)typeDims[1]), typeDims[1]);
        var sum = g.Op("Add", "embeddings_sum", [g.Op("Add", "word_plus_position", [word, position]), typeRow]);
        return LayerNorm(p + "LayerNorm", sum);
    }

    /// <summary>[B, T] bool → [B, 1, 1, T] float: 0 where attended, -3.4e38 where padded (as the encoder computes it).</summary>
    private string AdditiveMask(string valid)
    {
        var asFloat = g.Op("Cast", "valid_float", [valid], Int("to", (long)Onnx.TensorProto.Types.DataType.Float));
        var inverted = g.Op("Sub", "invalid_float", [g.Scalar("one", 1f), asFloat]);
        var scaled = g.Op("Mul", "mask_scaled", [inverted, g.Scalar("mask_min", -3.4e38f)]);
        return g.Op("Unsqueeze", "additive_mask", [scaled, g.Vector("axes_1_2", 1, 2)]);
    }

    private string Attention(string prefix, string hidden, string additive)
    {
        var p = prefix + "attention.";
        string Heads(string name, long[] perm)
        {
            var projected = Linear(p + "self." + name, hidden);                                   // [B, T, H]
            var split = g.Op("Reshape", p + name + "_heads", [projected, g.Vector("shape_heads", 0, 0, config.NumHeads, config.HeadDim)]);
            return g.Op("Transpose", p + name + "_t", [split], Ints("perm", perm));
        }

        var q = Heads("query", [0, 2, 1, 3]);                                                        // [B, nh, T, hd]
        var kT = Heads("key", [0, 2, 3, 1]);                                                         // [B, nh, hd, T]
        var v = Heads("value", [0, 2, 1, 3]);                                                        // [B, nh, T, hd]
        var scores = g.Op("Div", p + "scores_scaled", [g.Op("MatMul", p + "scores", [q, kT]), g.Scalar("sqrt_head_dim", (float)Math.Sqrt(config.HeadDim))]);
        var probs = g.Op("Softmax", p + "probs", [g.Op("Add", p + "scores_masked", [scores, additive])], Int("axis", -1));
        var context = g.Op("Transpose", p + "context_t", [g.Op("MatMul", p + "context", [probs, v])], Ints("perm", 0, 2, 1, 3));
        var merged = g.Op("Reshape", p + "context_merged", [context, g.Vector("shape_hidden", 0, 0, config.HiddenSize)]); // [B, T, H]
        var projected = Linear(p + "output.dense", merged);
        return LayerNorm(p + "output.LayerNorm", g.Op("Add", p + "residual", [projected, hidden]));
    }

    /// <summary>dense₂(GELU(dense₁(x))) without residual; the layer adds it and normalises.</summary>
    private string DenseFeedForward(string prefix, string x) =>
        Linear(prefix + "output.dense", Gelu(g, prefix + "intermediate", Linear(prefix + "intermediate.dense", x)));

    /// <summary>Exact GELU, 0.5·x·(1 + erf(x/√2)): ONNX has no Gelu before opset 20.</summary>
    public static string Gelu(OnnxGraphBuilder g, string hint, string x)
    {
        var erf = g.Op("Erf", hint + "_erf", [g.Op("Div", hint + "_scaled", [x, g.Scalar("sqrt2", (float)Math.Sqrt(2.0))])]);
        var gated = g.Op("Mul", hint + "_gated", [x, g.Op("Add", hint + "_erf_plus_one", [erf, g.Scalar("one", 1f)])]);
        return g.Op("Mul", hint + "_gelu", [gated, g.Scalar("half", 0.5f)]);
    }

    /// <summary>
    /// tanh(dense(h₀)) on the &lt;s&gt; token, then the family projection; the category projection reads the same vector,
    /// or for <see cref="CategoryPooling.MeanMax"/> tanh(category_dense([masked mean; masked max])).
    /// </summary>
    private (string Family, string Categories) Heads(string hidden, string valid, string? bag)
    {
        var first = g.Op("Gather", "cls", [hidden, g.Scalar("index_0", 0L)], Int("axis", 1));      // [B, H]
        var pooled = g.Op("Tanh", "pooled", [Linear("heads.dense", first)]);
        var categoryInput = config.CategoryPooling == CategoryPooling.MeanMax
            ? g.Op("Tanh", "category_pooled", [Linear("heads.category_dense", MeanMax(hidden, valid))])
            : pooled;
        if (bag is not null)
        {
            pooled = g.Op("Concat", "pooled_with_ngrams", [pooled, bag], Int("axis", 1));                       // [B, H + D]
            categoryInput = g.Op("Concat", "category_with_ngrams", [categoryInput, bag], Int("axis", 1));
        }

        return (Linear("heads.family", pooled), Linear("heads.categories", categoryInput));
    }

    /// <summary>The n-gram embedding bag (see <see cref="CharNgramBag"/>): Gather [B, N, D], then the mean over the mask's real n-grams.</summary>
    private string NgramBag(string ids, string mask)
    {
        var embedded = g.Op("Gather", "ngram_embedded", [Table("heads.ngrams.weight"), ids], Int("axis", 0));       // [B, N, D]
        var weight = g.Op("Cast", "ngram_weight", [g.Op("Unsqueeze", "ngram_mask3", [mask, g.Vector("axes_2", 2)])],
            Int("to", (long)Onnx.TensorProto.Types.DataType.Float));                                            // [B, N, 1]
        var axes = g.Vector("axes_1", 1);
        var sum = g.Op("ReduceSum", "ngram_sum", [g.Op("Mul", "ngram_masked", [embedded, weight]), axes], Int("keepdims", 0));   // [B, D]
        var count = g.Op("Max", "ngram_count", [g.Op("ReduceSum", "ngram_total", [weight, axes], Int("keepdims", 0)), g.Scalar("one", 1f)]); // [B, 1]
        return g.Op("Div", "ngram_bag", [sum, count]);
    }

    /// <summary>[B, T, H] → [B, 2H]: mean and max over real tokens. The max is TopK(1), which no opset in range changed.</summary>
    private string MeanMax(string hidden, string valid)
    {
        var axes = g.Vector("axes_1", 1);
        var valid3 = g.Op("Unsqueeze", "pool_valid", [valid, g.Vector("axes_2", 2)]);                   // [B, T, 1] bool
        var weight = g.Op("Cast", "pool_weight", [valid3], Int("to", (long)Onnx.TensorProto.Types.DataType.Float));
        var sum = g.Op("ReduceSum", "pool_sum", [g.Op("Mul", "pool_masked", [hidden, weight]), axes], Int("keepdims", 0));      // [B, H]
        var count = g.Op("Max", "pool_count", [g.Op("ReduceSum", "pool_tokens", [weight, axes], Int("keepdims", 0)), g.Scalar("one", 1f)]); // [B, 1]
        var mean = g.Op("Div", "pool_mean", [sum, count]);
        var filled = g.Op("Where", "pool_filled", [valid3, hidden, g.Scalar("float_min", float.MinValue)]);
        var top = g.Ops("TopK", "pool_top", 2, [filled, g.Vector("k_1", 1)], Int("axis", 1))[0];                    // [B, 1, H]
        var max = g.Op("Squeeze", "pool_max", [top, axes]);
        return g.Op("Concat", "pool_mean_max", [mean, max], Int("axis", 1));
    }

    private string Linear(string name, string x) => Linear(g, weights, name, x);

    /// <summary>x·Wᵀ + b for the linear layer <paramref name="name"/> (weight stored transposed).</summary>
    public static string Linear(OnnxGraphBuilder g, ModelWeights weights, string name, string x)
    {
        var (w, wDims) = weights.Transposed(name + ".weight");
        var (b, bDims) = weights.Raw(name + ".bias");
        var product = g.Op("MatMul", name + "_matmul", [x, g.Weight(name + ".weight", w, wDims)]);
        return g.Op("Add", name, [product, g.Weight(name + ".bias", b, bDims)]);
    }

    private string LayerNorm(string name, string x)
    {
        var (scale, scaleDims) = weights.Raw(name + ".weight");
        var (bias, biasDims) = weights.Raw(name + ".bias");
        return g.Op("LayerNormalization", name, [x, g.Weight(name + ".weight", scale, scaleDims), g.Weight(name + ".bias", bias, biasDims)],
            Int("axis", -1), Float("epsilon", (float)config.LayerNormEps));
    }

    private string Table(string name)
    {
        var (values, dims) = weights.Raw(name);
        return g.Weight(name, values, dims);
    }
}
