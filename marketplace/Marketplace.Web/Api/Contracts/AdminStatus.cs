namespace Marketplace.Web.Api.Contracts;

public sealed record InferenceStatus(string Status, string? Description, string? ModelVersion);

public sealed record AdminStatus(int PendingReviews, double? OldestPendingSeconds, int HeldReviews, int AppealedReviews, InferenceStatus Inference);
