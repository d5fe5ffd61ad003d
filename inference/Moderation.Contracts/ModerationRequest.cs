namespace Moderation.Contracts;

/// <summary>Body of <c>POST /v2/moderate</c> and <c>POST /v1/moderate</c> alike.</summary>
public sealed record ModerationRequest(IReadOnlyList<ModerationItem> Items);
