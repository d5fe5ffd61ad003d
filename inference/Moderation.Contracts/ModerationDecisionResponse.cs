namespace Moderation.Contracts;

/// <summary>
/// Answer of <c>POST /v2/moderate</c> (same request body as v1): one decision per item, in request order, from one
/// model version. The contract is versioned by path: <c>/v1/moderate</c> keeps answering <see cref="ModerationResponse"/>
/// unchanged for old clients; a change that old clients could not read gets a new path, never an edit of a served shape.
/// </summary>
public sealed record ModerationDecisionResponse(string ModelVersion, IReadOnlyList<ModerationDecision> Results);
