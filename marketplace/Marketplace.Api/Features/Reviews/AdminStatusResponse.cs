namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/admin/status</c>: the moderation backlog and the inference service. <see cref="HeldReviews"/> counts
/// every HELD review, <see cref="AppealedReviews"/> the HELD ones waiting for a decision on an appeal (a subset);
/// <see cref="OldestPendingSeconds"/> is null when nothing is pending.
/// </summary>
public sealed record AdminStatusResponse(
    long PendingReviews,
    double? OldestPendingSeconds,
    long HeldReviews,
    long AppealedReviews,
    InferenceStatus Inference);
