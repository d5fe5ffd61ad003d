using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// Training objective: cross-entropy over families + binary cross-entropy over categories + the
/// auxiliary MoE losses. Optional class weights: per-family weights for the cross-entropy and
/// per-category positive weights for the BCE (for rare categories); <see cref="CategoryWeight"/> scales the
/// category term against the family term (the category task's share of the gradient).
/// </summary>
public sealed record ModerationLoss(float[]? FamilyWeights = null, float[]? CategoryPositiveWeights = null, float CategoryWeight = 1f)
{
    /// <param name="output">The model's forward output.</param>
    /// <param name="families">[B] int64 family index (-100 = unlabelled, ignored).</param>
    /// <param name="categories">[B, C] float 0/1 targets.</param>
    public LossBreakdown Compute(ModerationOutput output, Tensor families, Tensor categories)
    {
        using var scope = NewDisposeScope();
        var device = output.FamilyLogits.device;
        var familyWeight = FamilyWeights is null ? null : tensor(FamilyWeights, device: device);
        var positiveWeight = CategoryPositiveWeights is null ? null : tensor(CategoryPositiveWeights, device: device);
        var family = nn.functional.cross_entropy(output.FamilyLogits, families, weight: familyWeight, ignore_index: -100);
        var category = nn.functional.binary_cross_entropy_with_logits(output.CategoryLogits, categories.to(output.CategoryLogits.dtype), pos_weights: positiveWeight);
        var total = family + (CategoryWeight * category) + output.AuxLoss;
        return new LossBreakdown(total.MoveToOuterDisposeScope(), family.item<float>(), category.item<float>(), output.AuxLoss.item<float>());
    }
}

/// <summary>The differentiable total (scalar) and its parts as numbers for logging.</summary>
public sealed record LossBreakdown(Tensor Total, float Family, float Categories, float Aux) : IDisposable
{
    public void Dispose() => Total.Dispose();
}
