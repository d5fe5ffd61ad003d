using Marketplace.Api.Infrastructure.Caching;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// After a transaction that published or withdrew a review has committed: the listing joins the region's bloom
/// filter and its cached snapshot is deleted (cache-aside; a failed delete is queued for retry by the cache).
/// </summary>
public sealed class ReviewVisibilityChanges(ReadThroughCache cache)
{
    public async Task ListingChangedAsync(Guid listingId, bool published)
    {
        if (published)
        {
            await cache.RecordCreatedAsync(ReviewsCache.ListingReviews, listingId);
        }

        // Not the caller's token: the write is committed, its invalidation must not be cancelled with a request.
        await cache.InvalidateAsync(ReviewsCache.ListingReviews, listingId, CancellationToken.None);
    }
}
