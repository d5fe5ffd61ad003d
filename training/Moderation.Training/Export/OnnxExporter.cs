using Google.Protobuf;
using Moderation.Bundles;
using Moderation.Training.Model;
using Onnx;

namespace Moderation.Training.Export;

/// <summary>
/// Writes a <see cref="ModerationModel"/> as an ONNX graph built operator by operator through ONNX's protobuf types:
/// inputs <c>input_ids</c>, <c>attention_mask</c> (int64 [batch, seq]), outputs <c>family_logits</c>,
/// <c>category_logits</c> (float32); a model with the n-gram branch also takes <c>char_ngram_ids</c> and
/// <c>char_ngram_mask</c> (int64 [batch, ngrams]). The model's LoRA adapters must be merged first (<see cref="ModerationModel.MergeLora"/>).
/// </summary>
public static class OnnxExporter
{
    public const int DefaultOpset = 17;
    /// <summary>LayerNormalization needs 17; newer sets are accepted up to what ONNX Runtime 1.31 implements.</summary>
    public const int MinOpset = 17;
    public const int MaxOpset = 22;

    /// <summary>Protobuf caps one message at 2 GiB; keep a margin for the graph around the weights.</summary>
    private const long MaxModelBytes = int.MaxValue - (64L << 20);

    public static ModelProto Build(ModerationModel model, int opset = DefaultOpset)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (opset is < MinOpset or > MaxOpset)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset, $"opset must be between {MinOpset} and {MaxOpset}");
        }

        if (model.modules().OfType<LoraLinear>().Any(l => l.HasAdapter && !l.Merged))
        {
            throw new InvalidOperationException("the model has unmerged LoRA adapters: call MergeLora (on a copy) before export");
        }

        var config = model.Config;
        var g = new OnnxGraphBuilder();
        g.Input(OnnxSignature.InputIds, TensorProto.Types.DataType.Int64, "batch", "sequence");
        g.Input(OnnxSignature.AttentionMask, TensorProto.Types.DataType.Int64, "batch", "sequence");
        if (config.CharNgrams is not null)
        {
            g.Input(OnnxSignature.CharNgramIds, TensorProto.Types.DataType.Int64, "batch", "ngrams");
            g.Input(OnnxSignature.CharNgramMask, TensorProto.Types.DataType.Int64, "batch", "ngrams");
        }

        var ngrams = config.CharNgrams is null ? ((string, string)?)null : (OnnxSignature.CharNgramIds, OnnxSignature.CharNgramMask);
        var (family, categories) = new EncoderGraph(g, new ModelWeights(model), config).Build(OnnxSignature.InputIds, OnnxSignature.AttentionMask, ngrams);
        g.Output(OnnxSignature.FamilyLogits, family, TensorProto.Types.DataType.Float, "batch", config.NumFamilies);
        g.Output(OnnxSignature.CategoryLogits, categories, TensorProto.Types.DataType.Float, "batch", config.NumCategories);

        var proto = new ModelProto
        {
            IrVersion = IrVersionFor(opset),
            ProducerName = "moderation-export",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = g.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return proto;
    }

    /// <summary>Builds and writes the graph; returns its size in bytes.</summary>
    public static long Write(ModerationModel model, string path, int opset = DefaultOpset)
    {
        var proto = Build(model, opset);
        var weightBytes = proto.Graph.Initializer.Sum(t => (long)t.RawData.Length);
        if (weightBytes > MaxModelBytes)
        {
            throw new NotSupportedException($"the model's weights take {weightBytes / 1048576} MiB; one ONNX protobuf holds at most 2 GiB and this exporter does not write external data");
        }

        var size = proto.CalculateSize();
        using (var stream = File.Create(path))
        {
            proto.WriteTo(stream);
        }

        return size;
    }

    /// <summary>The IR version that introduced the opset (ONNX's versioning table), so older runtimes can read the file.</summary>
    private static long IrVersionFor(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        21 => 10,
        _ => 10,
    };
}
