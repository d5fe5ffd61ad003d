using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Moderation.Training.Export;

/// <summary>
/// Appends ONNX nodes, initializers and graph inputs/outputs in order, giving every intermediate value a unique name
/// (<c>{hint}_{n}</c>). Nodes are emitted in execution order, so the graph is topologically sorted by construction.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public GraphProto Graph { get; } = new() { Name = "moderation" };

    public static int ElementType(TensorProto.Types.DataType type) => (int)type;

    /// <summary>Adds a float32 initializer stored as raw little-endian bytes.</summary>
    public string Weight(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        if (!used.Add(name))
        {
            throw new InvalidOperationException($"ONNX value name '{name}' is used twice");
        }

        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 initializer (a shape, an index, a constant).</summary>
    public string Int64s(string hint, ReadOnlySpan<long> values, params long[] dims)
    {
        var name = Unique(hint);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A scalar constant of the given type (float, double or int64).</summary>
    public string Scalar(string hint, float value)
    {
        var name = Unique(hint);
        used.Remove(name);
        return Weight(name, [value]);
    }

    public string Scalar(string hint, long value) => Int64s(hint, [value]);

    public string ScalarDouble(string hint, double value)
    {
        var name = Unique(hint);
        Graph.Initializer.Add(new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Double, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes<double>([value])) });
        return name;
    }

    /// <summary>A 1-D int64 constant (axes, shapes).</summary>
    public string Vector(string hint, params long[] values) => Int64s(hint, values, values.Length);

    /// <summary>Appends one node with a single output; returns the output's name.</summary>
    public string Op(string opType, string hint, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Ops(opType, hint, 1, inputs, attributes)[0];

    /// <summary>Appends one node with <paramref name="outputs"/> outputs; returns their names.</summary>
    public string[] Ops(string opType, string hint, int outputs, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Unique(hint + "/" + opType) };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => Unique(outputs == 1 ? hint : $"{hint}_out{i}")).ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    public void Input(string name, TensorProto.Types.DataType type, params string[] symbolicDims)
    {
        used.Add(name);
        Graph.Input.Add(Value(name, type, symbolicDims.Select(d => (d, 0L))));
    }

    /// <summary>Declares a graph output and names the value that feeds it by inserting an Identity.</summary>
    public void Output(string name, string value, TensorProto.Types.DataType type, string batchDim, long columns)
    {
        if (!used.Add(name))
        {
            throw new InvalidOperationException($"ONNX value name '{name}' is used twice");
        }

        var node = new NodeProto { OpType = "Identity", Name = name + "/Identity" };
        node.Input.Add(value);
        node.Output.Add(name);
        Graph.Node.Add(node);
        Graph.Output.Add(Value(name, type, [(batchDim, 0L), (string.Empty, columns)]));
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, IEnumerable<(string Param, long Value)> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var (param, value) in dims)
        {
            shape.Dim.Add(param.Length > 0 ? new TensorShapeProto.Types.Dimension { DimParam = param } : new TensorShapeProto.Types.Dimension { DimValue = value });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    /// <summary>The hint itself the first time, then hint.1, hint.2, … skipping any name already taken.</summary>
    private string Unique(string hint)
    {
        counts.TryGetValue(hint, out var n);
        var name = n == 0 ? hint : $"{hint}.{n}";
        while (!used.Add(name))
        {
            name = $"{hint}.{++n}";
        }

        counts[hint] = n + 1;
        return name;
    }
}
