namespace Moderation.Training.Model;

/// <summary>What one MoE layer did with a batch, for logging: kept slots per expert and the dropped fraction.</summary>
public sealed record RoutingStats(long[] TokensPerExpert, long Capacity, double DroppedFraction)
{
    public static RoutingStats From(RoutingPlan plan)
    {
        var numExperts = plan.Probs.shape[1];
        var perExpert = new long[numExperts];
        for (var e = 0; e < numExperts; e++)
        {
            using var hits = plan.Experts.eq(e).logical_and(plan.Kept);
            using var count = hits.to(TorchSharp.torch.ScalarType.Int64).sum();
            perExpert[e] = count.item<long>();
        }

        using var validCount = plan.Valid.to(TorchSharp.torch.ScalarType.Int64).sum();
        var slots = validCount.item<long>() * plan.Experts.shape[1];
        var kept = perExpert.Sum();
        return new RoutingStats(perExpert, plan.Capacity, slots == 0 ? 0 : 1.0 - ((double)kept / slots));
    }
}
