namespace Marketplace.Api.Features.Reviews;

/// <summary>A verdict that won its conditional update: the review's new status and what the caller needs after commit.</summary>
public sealed record AppliedVerdict(Guid ReviewId, Guid ListingId, string Status, DateTimeOffset CreatedAt);
