using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>An MoE block's result: hidden [B, T, H], the unscaled load-balancing and z losses (scalars), routing statistics.</summary>
public sealed record MoeOutput(Tensor Hidden, Tensor LoadBalancingLoss, Tensor ZLoss, RoutingStats Stats);
