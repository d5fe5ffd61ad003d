namespace Marketplace.Api.Features.Reviews;

/// <summary>Body of <c>POST /api/orders/{orderId}/reviews</c>.</summary>
public sealed record SubmitReviewRequest(int? Rating, string? Text);
