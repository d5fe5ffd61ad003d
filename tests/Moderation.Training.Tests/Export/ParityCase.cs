using Moderation.Training.Export;
using Moderation.Training.Model;

namespace Moderation.Training.Tests.Export;

/// <summary>
/// A parity test case named like <c>moe-top2-drops+lora+mean-max@opset21</c>: MoE top-k (<c>drops</c> squeezes capacity
/// to 0.5 so slots are dropped; otherwise 4.0 drops nothing), LoRA on, mean-max pooling, and the opset.
/// </summary>
internal sealed record ParityCase(MoeConfig? Moe, LoraConfig? Lora, CategoryPooling Pooling, int Opset)
{
    public static readonly LoraConfig Adapter = new() { Rank = 4, Alpha = 8, Dropout = 0, OnExperts = true };

    public static ParityCase Parse(string name)
    {
        var moe = name.StartsWith("moe", StringComparison.Ordinal)
            ? new MoeConfig
            {
                NumExperts = 4,
                TopK = name.Contains("top2", StringComparison.Ordinal) ? 2 : 1,
                CapacityFactor = name.Contains("drops", StringComparison.Ordinal) ? 0.5 : 4.0,
            }
            : null;
        var at = name.IndexOf("@opset", StringComparison.Ordinal);
        return new ParityCase(
            moe,
            name.Contains("lora", StringComparison.Ordinal) ? Adapter : null,
            name.Contains("mean-max", StringComparison.Ordinal) ? CategoryPooling.MeanMax : CategoryPooling.Cls,
            at >= 0 ? int.Parse(name[(at + 6)..], System.Globalization.CultureInfo.InvariantCulture) : OnnxExporter.DefaultOpset);
    }
}
