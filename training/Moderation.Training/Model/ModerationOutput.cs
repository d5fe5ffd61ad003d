using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// One forward pass: family logits [B, F], category logits [B, C], and the auxiliary MoE loss
/// (already weighted: aux coefficient · Σ load-balancing + z coefficient · Σ z-loss over MoE layers).
/// </summary>
public sealed class ModerationOutput : IDisposable
{
    public required Tensor FamilyLogits { get; init; }
    public required Tensor CategoryLogits { get; init; }
    public required Tensor AuxLoss { get; init; }
    /// <summary>Unweighted mean load-balancing loss over MoE layers (1 = balanced); 0 without MoE.</summary>
    public required double LoadBalancing { get; init; }
    public required IReadOnlyList<RoutingStats> Routing { get; init; }

    public void Dispose()
    {
        FamilyLogits.Dispose();
        CategoryLogits.Dispose();
        AuxLoss.Dispose();
    }
}
