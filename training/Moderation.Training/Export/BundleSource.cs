using System.Text.Json.Nodes;
using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Export;

/// <summary>
/// Everything a bundle is made from: a model (LoRA merged or not; export merges a copy), its tokenizer file, the
/// logit order, thresholds (null: the defaults) and the run's identity and validation metrics. A run directory
/// gives one (<see cref="RunDirectory"/>); tests and tools can build one from a model in memory.
/// </summary>
public sealed record BundleSource
{
    public required ModerationModel Model { get; init; }
    public required string TokenizerPath { get; init; }
    public required IReadOnlyList<string> Families { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required string RunId { get; init; }
    public IReadOnlyDictionary<string, CategoryThreshold>? Thresholds { get; init; }
    public JsonObject ValidationMetrics { get; init; } = [];
}
