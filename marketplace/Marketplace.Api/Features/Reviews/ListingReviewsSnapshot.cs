namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// What the read cache holds per listing: the count of its published reviews and the newest
/// <see cref="ReviewsCache.Window"/> of them (public view). Pages inside the window are served from it.
/// </summary>
public sealed record ListingReviewsSnapshot(int Total, IReadOnlyList<ReviewResponse> Newest);
