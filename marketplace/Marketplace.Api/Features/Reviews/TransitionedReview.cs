namespace Marketplace.Api.Features.Reviews;

/// <summary>A review as the winning transition left it (read back with RETURNING): what callers need after commit.</summary>
public sealed record TransitionedReview(Guid Id, Guid ListingId, string From, string To, DateTimeOffset CreatedAt);
