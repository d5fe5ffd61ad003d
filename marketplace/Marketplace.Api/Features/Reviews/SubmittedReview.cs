namespace Marketplace.Api.Features.Reviews;

/// <summary>202 answer of a submit: the review is stored and waits for moderation.</summary>
public sealed record SubmittedReview(Guid ReviewId, string Status);
