namespace Moderation.Contracts;

/// <summary>
/// The model's verdict on one text. <see cref="Inappropriate"/> is true when any category reaches its reject
/// threshold; <see cref="Truncated"/> when the text had more tokens than the model reads.
/// </summary>
public sealed record ModerationVerdict(
    string Id,
    FamilyScore Family,
    CategoryScores Categories,
    bool Inappropriate,
    ModerationAction Action,
    bool Truncated);
