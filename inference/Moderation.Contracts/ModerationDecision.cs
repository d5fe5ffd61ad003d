using System.Text.Json.Serialization;
using Moderation.Taxonomy;

namespace Moderation.Contracts;

/// <summary>
/// One text's verdict as <c>POST /v2/moderate</c> answers it: the scores and everything the service decided from
/// them, so a caller stores the decision instead of re-deriving it from thresholds fetched separately.
/// <see cref="Flagged"/> names the categories at or above their hold threshold (the reasons to hold or reject),
/// <see cref="Rejecting"/> those at or above their reject threshold (non-empty exactly when the scores reject), both
/// in <see cref="Taxonomy.Categories.All"/> order. <see cref="Thresholds"/> are the cut-offs applied to this text
/// (a later model may choose them per text, e.g. per language family), and <see cref="ModelVersion"/> the bundle that
/// scored it. <see cref="Truncated"/> is true only when part of the text went unscored; such a verdict never allows.
/// When <see cref="Error"/> is set the item was not scored: no family, scores or thresholds, nothing flagged, and
/// <see cref="Action"/> is <see cref="ModerationAction.Hold"/>.
/// </summary>
public sealed record ModerationDecision(
    string Id,
    string ModelVersion,
    FamilyScore? Family,
    CategoryScores? Categories,
    ModerationAction Action,
    IReadOnlyList<string> Flagged,
    IReadOnlyList<string> Rejecting,
    IReadOnlyDictionary<string, CategoryThreshold>? Thresholds,
    bool Truncated,
    ItemError? Error = null)
{
    /// <summary>True when the model scored the whole text: it may be published on an allow.</summary>
    [JsonIgnore]
    public bool CoversWholeText => Error is null && !Truncated;
}
