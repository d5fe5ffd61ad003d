namespace Moderation.Contracts;

/// <summary>
/// The <c>POST /v1/moderate</c> shape of a verdict, frozen for old clients (new ones read <see cref="ModerationDecision"/>
/// from <c>/v2/moderate</c>): the model's verdict on one text. <see cref="Inappropriate"/> is true when any category reaches its reject
/// threshold. The whole text is scored (in overlapping windows and sentence by sentence when it is longer than the
/// model reads); <see cref="Truncated"/> is true only when part of it went unscored, and such a verdict should not
/// publish the text. When <see cref="Error"/> is set the item was not scored at all: <see cref="Family"/> and
/// <see cref="Categories"/> are null and <see cref="Action"/> is <see cref="ModerationAction.Hold"/>.
/// </summary>
public sealed record ModerationVerdict(
    string Id,
    FamilyScore? Family,
    CategoryScores? Categories,
    bool Inappropriate,
    ModerationAction Action,
    bool Truncated,
    ItemError? Error = null)
{
    /// <summary>True when the model scored the whole text: it may be published on an allow.</summary>
    public bool CoversWholeText => Error is null && !Truncated;

    /// <summary>The v1 shape of <paramref name="decision"/>: <see cref="Inappropriate"/> is whether any category rejects.</summary>
    public static ModerationVerdict From(ModerationDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new ModerationVerdict(decision.Id, decision.Family, decision.Categories, decision.Rejecting.Count > 0, decision.Action,
            decision.Truncated, decision.Error);
    }
}
