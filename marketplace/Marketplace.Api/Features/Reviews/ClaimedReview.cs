namespace Marketplace.Api.Features.Reviews;

/// <summary>A PENDING review this worker has leased for one moderation call (<see cref="TraceParent"/>: its submit's trace).</summary>
public sealed record ClaimedReview(Guid Id, string Text, int Attempts, DateTimeOffset CreatedAt, string? TraceParent = null);
