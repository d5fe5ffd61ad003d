using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// A listing's published reviews in the two-level read cache, keyed by listing id. Its bloom filter holds the
/// listings that have a published review, so a listing without one is answered without Redis or PostgreSQL.
/// </summary>
public static class ReviewsCache
{
    /// <summary>Reviews per listing kept in the cached snapshot; deeper pages read PostgreSQL.</summary>
    public const int Window = 100;

    public static readonly CacheRegion<ListingReviewsSnapshot> ListingReviews = new(
        "listing-reviews",
        async (db, listingId, cancellationToken) =>
        {
            var published = Published(db, listingId);
            var total = await published.CountAsync(cancellationToken);
            var newest = await NewestFirst(published).Take(Window).ToListAsync(cancellationToken);
            return new ListingReviewsSnapshot(total, [.. newest.Select(r => ReviewResponse.From(r, privileged: false))]);
        },
        db => db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatuses.Published).Select(r => r.ListingId).Distinct());

    public static IQueryable<Review> Published(MarketplaceDbContext db, Guid listingId) =>
        db.Reviews.AsNoTracking().Where(r => r.ListingId == listingId && r.Status == ReviewStatuses.Published);

    public static IQueryable<Review> NewestFirst(IQueryable<Review> reviews) =>
        reviews.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
}
