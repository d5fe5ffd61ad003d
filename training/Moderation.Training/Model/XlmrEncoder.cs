using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>The stack of layers (<c>encoder.layer.N</c>); MoE in the layers <see cref="MoeConfig.IsMoeLayer"/> picks.</summary>
public sealed class XlmrEncoder : nn.Module<Tensor, Tensor, EncoderOutput>
{
    private readonly ModuleList<XlmrLayer> layer;

    public XlmrEncoder(XlmrConfig config)
        : base(nameof(XlmrEncoder))
    {
        layer = new ModuleList<XlmrLayer>(Enumerable.Range(0, config.NumLayers).Select(i => new XlmrLayer(config, config.Moe.IsMoeLayer(i))).ToArray());
        register_module("layer", layer);
    }

    public IReadOnlyList<XlmrLayer> Layers => [.. layer];

    /// <param name="hidden">[B, T, H] embeddings.</param>
    /// <param name="valid">[B, T] bool attention mask.</param>
    public override EncoderOutput forward(Tensor hidden, Tensor valid)
    {
        // 0 where attended, the dtype's minimum where padded: [B, 1, 1, T].
        using var additiveMask = (1.0 - valid.to(hidden.dtype)).mul(hidden.dtype == ScalarType.Float16 ? -65504.0 : -3.4e38).unsqueeze(1).unsqueeze(1);
        var moeOutputs = new List<MoeOutput>();
        var current = hidden.alias();
        foreach (var block in layer)
        {
            var result = block.forward(current, additiveMask, valid);
            current.Dispose();
            current = result.Hidden;
            if (result.Moe is not null)
            {
                moeOutputs.Add(result.Moe);
            }
        }

        return new EncoderOutput(current, moeOutputs);
    }
}

/// <summary>Last hidden states [B, T, H] and each MoE layer's output (losses, statistics).</summary>
public sealed record EncoderOutput(Tensor Hidden, IReadOnlyList<MoeOutput> Moe);
