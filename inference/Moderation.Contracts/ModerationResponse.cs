namespace Moderation.Contracts;

/// <summary>Answer of <c>POST /v1/moderate</c> (frozen for old clients; see <see cref="ModerationDecisionResponse"/>): one verdict per item, in request order, from one model version.</summary>
public sealed record ModerationResponse(string ModelVersion, IReadOnlyList<ModerationVerdict> Results);
