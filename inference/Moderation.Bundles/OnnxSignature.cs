using Google.Protobuf;
using Onnx;

namespace Moderation.Bundles;

/// <summary>
/// Checks that <c>model.onnx</c> parses and has the bundle's signature (int64 <c>input_ids</c> and
/// <c>attention_mask</c> [batch, seq]; float <c>family_logits</c> [batch, families] and <c>category_logits</c>
/// [batch, categories]; with <see cref="BundleLabels.CharNgramBuckets"/> also int64 <c>char_ngram_ids</c> and
/// <c>char_ngram_mask</c> [batch, ngrams], and without it neither) and that every node reads only values produced before it. ONNX Runtime is the final judge
/// when the service loads the graph; this catches a broken file before that, without native code.
/// </summary>
public static class OnnxSignature
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string FamilyLogits = "family_logits";
    public const string CategoryLogits = "category_logits";
    public const string CharNgramIds = "char_ngram_ids";
    public const string CharNgramMask = "char_ngram_mask";

    private const int Float = (int)TensorProto.Types.DataType.Float;
    private const int Int64 = (int)TensorProto.Types.DataType.Int64;

    /// <summary>Throws <see cref="InvalidBundleException"/> naming the first problem.</summary>
    public static void Check(string path, BundleLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidBundleException($"{BundleFiles.Model} is not an ONNX model: {e.Message}", e);
        }

        var graph = model.Graph ?? throw Broken("it has no graph");
        if (!model.OpsetImport.Any(o => string.IsNullOrEmpty(o.Domain) && o.Version > 0))
        {
            throw Broken("it imports no ONNX operator set");
        }

        RequireValue(graph.Input, InputIds, Int64, null);
        RequireValue(graph.Input, AttentionMask, Int64, null);
        if (labels.CharNgramBuckets is not null)
        {
            RequireValue(graph.Input, CharNgramIds, Int64, null);
            RequireValue(graph.Input, CharNgramMask, Int64, null);
        }
        else if (graph.Input.Any(i => i.Name is CharNgramIds or CharNgramMask))
        {
            throw Broken($"it takes character n-grams but {BundleFiles.Labels} has no charNgramBuckets to hash them with");
        }
        RequireValue(graph.Output, FamilyLogits, Float, labels.Families.Count);
        RequireValue(graph.Output, CategoryLogits, Float, labels.Categories.Count);

        var defined = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(i => i.Name)), StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            var missing = node.Input.FirstOrDefault(i => i.Length > 0 && !defined.Contains(i));
            if (missing is not null)
            {
                throw Broken($"node '{node.Name}' ({node.OpType}) reads '{missing}', which no input, initializer or earlier node produces");
            }

            defined.UnionWith(node.Output);
        }

        var unproduced = graph.Output.FirstOrDefault(o => !defined.Contains(o.Name));
        if (unproduced is not null)
        {
            throw Broken($"no node produces the output '{unproduced.Name}'");
        }
    }

    private static void RequireValue(IEnumerable<ValueInfoProto> values, string name, int elementType, int? lastDim)
    {
        var value = values.FirstOrDefault(v => v.Name == name) ?? throw Broken($"it has no '{name}'");
        var tensor = value.Type?.TensorType;
        if (tensor is null || tensor.ElemType != elementType)
        {
            throw Broken($"'{name}' must be a {(elementType == Int64 ? "int64" : "float32")} tensor");
        }

        var dims = tensor.Shape?.Dim;
        if (dims is null || dims.Count != 2)
        {
            throw Broken($"'{name}' must have rank 2");
        }

        if (lastDim is int expected && dims[1].HasDimValue && dims[1].DimValue != expected)
        {
            throw Broken($"'{name}' has {dims[1].DimValue} columns but {BundleFiles.Labels} lists {expected} labels");
        }
    }

    private static InvalidBundleException Broken(string why) => new($"{BundleFiles.Model} is not a valid moderation graph: {why}");
}
