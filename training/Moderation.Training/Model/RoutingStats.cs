namespace Moderation.Training.Model;

/// <summary>What one MoE layer did with a batch, for logging: kept slots per expert and the dropped fraction.</summary>
public sealed record RoutingStats(long[] TokensPerExpert, long Capacity, double DroppedFraction)
{
    /// <summary>[row][expert] kept slots per batch row (evaluation reports routing by language); null when not asked for.</summary>
    public long[][]? TokensPerExpertPerRow { get; init; }

    /// <summary>As <see cref="From(RoutingPlan)"/>, plus the kept slots of each of the batch's <paramref name="rows"/> (tokens are row-major).</summary>
    public static RoutingStats From(RoutingPlan plan, long rows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var stats = From(plan);
        var numExperts = plan.Probs.shape[1];
        using var scope = TorchSharp.torch.NewDisposeScope();
        var slots = TorchSharp.torch.nn.functional.one_hot(plan.Experts, numExperts)
            * plan.Kept.unsqueeze(-1).to(TorchSharp.torch.ScalarType.Int64);                 // [N, k, E]
        var perRow = slots.sum(1).reshape(rows, -1, numExperts).sum(1)                      // [rows, E]
            .to(TorchSharp.torch.ScalarType.Int64).data<long>().ToArray();
        return stats with { TokensPerExpertPerRow = [.. perRow.Chunk((int)numExperts)] };
    }

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
