namespace Marketplace.Api.Features.Reviews;

/// <summary>A PENDING review this worker has leased for one moderation call.</summary>
public sealed record ClaimedReview(Guid Id, string Text, int Attempts, DateTimeOffset CreatedAt);
