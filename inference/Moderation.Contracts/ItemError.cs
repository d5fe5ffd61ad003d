namespace Moderation.Contracts;

/// <summary>
/// Why one item of a request was not scored (the others were): a problem-details <see cref="Type"/> URI and a
/// human-readable <see cref="Detail"/>. An unscored item's action is <see cref="ModerationAction.Hold"/>, so a
/// client that ignores the error still never publishes it.
/// </summary>
public sealed record ItemError(string Type, string Title, string Detail);
