namespace Moderation.Contracts;

/// <summary>Body of <c>POST /v1/moderate</c>.</summary>
public sealed record ModerationRequest(IReadOnlyList<ModerationItem> Items);
