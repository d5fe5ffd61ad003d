using Moderation.Contracts;

namespace Moderation.Inference.Bundles;

/// <summary>labels.json: output order of the logits, per-category thresholds and the model's token limit.</summary>
public sealed record BundleLabels(
    IReadOnlyList<string> Families,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, CategoryThreshold> Thresholds,
    int MaxTokens);
