using Google.Protobuf;
using Moderation.Bundles;
using Onnx;

namespace Moderation.Inference.Tests;

/// <summary>
/// A small ONNX graph with the bundle's signature, written with the ONNX protobuf types: token embeddings averaged
/// under the attention mask, tanh, two linear heads. Padding cannot change its logits, so it pins down the
/// service's mechanics (batching, swaps, limits) independently of the exporter; random weights from a seed.
/// </summary>
internal static class MeanPoolGraph
{
    public const int Hidden = 16;

    public static byte[] Build(int vocabulary, int families, int categories, int seed)
    {
        var random = new Random(seed);
        var graph = new GraphProto { Name = "mean-pool-test" };
        graph.Input.Add(Value(OnnxSignature.InputIds, TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Input.Add(Value(OnnxSignature.AttentionMask, TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Output.Add(Value(OnnxSignature.FamilyLogits, TensorProto.Types.DataType.Float, "batch", families));
        graph.Output.Add(Value(OnnxSignature.CategoryLogits, TensorProto.Types.DataType.Float, "batch", categories));
        graph.Initializer.Add(Weights("embeddings", random, vocabulary, Hidden));
        graph.Initializer.Add(Weights("family_weight", random, Hidden, families));
        graph.Initializer.Add(Weights("family_bias", random, families));
        graph.Initializer.Add(Weights("category_weight", random, Hidden, categories));
        graph.Initializer.Add(Weights("category_bias", random, categories));
        graph.Initializer.Add(Axes("axis1", 1));
        graph.Initializer.Add(Axes("axis2", 2));

        graph.Node.Add(Node("Gather", ["embeddings", OnnxSignature.InputIds], "embedded"));
        var cast = Node("Cast", [OnnxSignature.AttentionMask], "mask_float");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        graph.Node.Add(cast);
        graph.Node.Add(Node("Unsqueeze", ["mask_float", "axis2"], "mask3"));
        graph.Node.Add(Node("Mul", ["embedded", "mask3"], "masked"));
        graph.Node.Add(Reduce("masked", "summed"));
        graph.Node.Add(Reduce("mask3", "count"));
        graph.Node.Add(Node("Div", ["summed", "count"], "mean"));
        graph.Node.Add(Node("Tanh", ["mean"], "pooled"));
        graph.Node.Add(Node("MatMul", ["pooled", "family_weight"], "family_raw"));
        graph.Node.Add(Node("Add", ["family_raw", "family_bias"], OnnxSignature.FamilyLogits));
        graph.Node.Add(Node("MatMul", ["pooled", "category_weight"], "category_raw"));
        graph.Node.Add(Node("Add", ["category_raw", "category_bias"], OnnxSignature.CategoryLogits));

        var model = new ModelProto { IrVersion = 8, ProducerName = "Moderation.Inference.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    /// <summary>
    /// The same graph with designed weights: category <paramref name="category"/>'s logit is
    /// <c>20·tanh(share) − 4</c>, where share is the fraction of a row's tokens (&lt;s&gt; and &lt;/s&gt; included) that
    /// are in <paramref name="flagged"/>; every other category's logit is −4. A row of mostly flagged tokens scores
    /// high and the same tokens diluted in a long friendly row score low: the model a long review fools.
    /// </summary>
    public static byte[] BuildKeyword(int vocabulary, int families, int categories, int seed, IReadOnlySet<int> flagged, int category)
    {
        var model = ModelProto.Parser.ParseFrom(Build(vocabulary, families, categories, seed));
        var weights = model.Graph.Initializer.ToDictionary(t => t.Name);
        for (var token = 0; token < vocabulary; token++)
        {
            weights["embeddings"].FloatData[token * Hidden] = flagged.Contains(token) ? 1f : 0f;
        }

        for (var i = 0; i < weights["category_weight"].FloatData.Count; i++)
        {
            weights["category_weight"].FloatData[i] = 0f;
        }

        weights["category_weight"].FloatData[category] = 20f;
        for (var c = 0; c < categories; c++)
        {
            weights["category_bias"].FloatData[c] = -4f;
        }

        return model.ToByteArray();
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static NodeProto Reduce(string input, string output)
    {
        var node = Node("ReduceSum", [input, "axis1"], output);
        node.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        return node;
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, string batch, object last)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        shape.Dim.Add(last is int size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = (string)last });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static TensorProto Weights(string name, Random random, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var count = dims.Aggregate(1L, (a, b) => a * b);
        for (var i = 0; i < count; i++)
        {
            tensor.FloatData.Add((float)((random.NextDouble() * 2) - 1));
        }

        return tensor;
    }

    private static TensorProto Axes(string name, long axis)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(1);
        tensor.Int64Data.Add(axis);
        return tensor;
    }
}
