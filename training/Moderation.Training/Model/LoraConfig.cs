namespace Moderation.Training.Model;

/// <summary>
/// LoRA adapters (Hu et al. 2021) on query, key, value and the attention output projection,
/// optionally on the experts' projections. Scale = Alpha / Rank.
/// </summary>
public sealed record LoraConfig
{
    public int Rank { get; init; } = 8;
    public double Alpha { get; init; } = 16;
    public double Dropout { get; init; } = 0.1;
    public bool OnExperts { get; init; }

    public void Validate()
    {
        if (Rank < 1 || Alpha <= 0 || Dropout is < 0 or >= 1)
        {
            throw new ArgumentException("invalid model config: Lora needs Rank ≥ 1, Alpha > 0, Dropout in [0, 1)");
        }
    }
}
