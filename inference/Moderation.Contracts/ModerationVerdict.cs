namespace Moderation.Contracts;

/// <summary>
/// The model's verdict on one text. <see cref="Inappropriate"/> is true when any category reaches its reject
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
}
