using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// Where each token goes in one MoE layer. N = tokens (batch × time, flattened), E = experts, k = top-k.
/// A slot (token, j) is used when <see cref="Kept"/> is true; a token with no kept slot passes through
/// the layer on its residual path only.
/// </summary>
public sealed class RoutingPlan : IDisposable
{
    /// <summary>[N, E] raw router logits.</summary>
    public required Tensor Logits { get; init; }
    /// <summary>[N, E] softmax(logits) (untempered).</summary>
    public required Tensor Probs { get; init; }
    /// <summary>[N, k] int64 chosen experts, first choice first.</summary>
    public required Tensor Experts { get; init; }
    /// <summary>[N, k] float combine weights (selected probabilities renormalised to sum to 1).</summary>
    public required Tensor Gates { get; init; }
    /// <summary>[N, k] bool: the slot fits in its expert's capacity and the token is not padding.</summary>
    public required Tensor Kept { get; init; }
    /// <summary>[N] bool: the token is real (not padding).</summary>
    public required Tensor Valid { get; init; }
    /// <summary>Tokens each expert accepts at most from one routing group (the largest group's figure).</summary>
    public required long Capacity { get; init; }

    /// <summary>[N, E] combine matrix: gate of expert e for token n, 0 where not routed or dropped.</summary>
    public Tensor CombineWeights()
    {
        using var scope = NewDisposeScope();
        var numExperts = Probs.shape[1];
        var slots = nn.functional.one_hot(Experts, numExperts).to(Gates.dtype); // [N, k, E]
        var weights = (Gates * Kept.to(Gates.dtype)).unsqueeze(-1);             // [N, k, 1]
        return (slots * weights).sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>Moves the plan's tensors out of <paramref name="scope"/> so they outlive it.</summary>
    internal RoutingPlan MoveTo(DisposeScope scope)
    {
        foreach (var tensor in new[] { Logits, Probs, Experts, Gates, Kept, Valid })
        {
            scope.MoveToOuter(tensor);
        }

        return this;
    }

    public void Dispose()
    {
        Logits.Dispose();
        Probs.Dispose();
        Experts.Dispose();
        Gates.Dispose();
        Kept.Dispose();
        Valid.Dispose();
    }
}
