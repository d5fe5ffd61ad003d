namespace Moderation.Training.Model;

/// <summary>
/// Mixture-of-Experts feed-forward layers. Layer i is an MoE layer when
/// <c>NumExperts &gt; 1</c>, <c>Every &gt; 0</c> and <c>i % Every == Every - 1</c> (default: every second layer,
/// as in Switch Transformer).
/// </summary>
public sealed record MoeConfig
{
    public int NumExperts { get; init; } = 4;
    public int TopK { get; init; } = 1;
    public int Every { get; init; } = 2;
    /// <summary>Capacity per expert = ceil(CapacityFactor · k · tokens / E).</summary>
    public double CapacityFactor { get; init; } = 1.25;
    /// <summary>Switch load-balancing loss coefficient (E · Σ fᵢ·Pᵢ).</summary>
    public double AuxLossCoefficient { get; init; } = 0.01;
    /// <summary>Router z-loss coefficient (mean logsumexp²); 0 disables it.</summary>
    public double ZLossCoefficient { get; init; }
    /// <summary>Relative noise (× weight std) added to each expert when upcycled from a dense FFN.</summary>
    public double UpcycleNoise { get; init; } = 0.01;

    public static MoeConfig Dense { get; } = new() { NumExperts = 1, Every = 0 };

    public bool Enabled => NumExperts > 1 && Every > 0;

    public bool IsMoeLayer(int layer) => Enabled && layer % Every == Every - 1;

    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        if (TopK < 1 || TopK > Math.Min(2, NumExperts))
        {
            throw new ArgumentException("invalid model config: Moe.TopK must be 1 or 2 and at most NumExperts");
        }

        if (CapacityFactor <= 0 || AuxLossCoefficient < 0 || ZLossCoefficient < 0 || UpcycleNoise < 0)
        {
            throw new ArgumentException("invalid model config: Moe.CapacityFactor must be positive and loss coefficients non-negative");
        }
    }
}
