using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/listings/{id}/reviews</c>: published reviews, newest first. Pages inside the newest
/// <see cref="ReviewsCache.Window"/> come from the read cache (invalidated when a review of the listing is
/// published or withdrawn); deeper pages read PostgreSQL. A listing with no published review is an empty page.
/// </summary>
public sealed class ListingReviewsHandler(ReadThroughCache cache, IServiceScopeFactory scopes)
{
    public async Task<Results<Ok<ReviewPage>, ValidationProblem>> HandleAsync(
        Guid listingId, ReviewPageQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (PageRequest.Read(query.Page, query.PageSize, errors) is not { } paging)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var snapshot = await cache.GetAsync(ReviewsCache.ListingReviews, listingId, cancellationToken)
            ?? new ListingReviewsSnapshot(0, []);
        var skip = paging.Skip;
        if (skip + paging.PageSize <= ReviewsCache.Window || snapshot.Total <= ReviewsCache.Window || skip >= snapshot.Total)
        {
            return TypedResults.Ok(new ReviewPage([.. snapshot.Newest.Skip(skip).Take(paging.PageSize)], paging.Page, paging.PageSize, snapshot.Total));
        }

        // A context only for deep pages: most reads are cache hits, and building one costs more than a hit.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var published = ReviewsCache.Published(db, listingId);
        var total = await published.CountAsync(cancellationToken);
        var items = await ReviewsCache.NewestFirst(published).Skip(skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ReviewPage([.. items.Select(r => ReviewResponse.From(r, privileged: false))], paging.Page, paging.PageSize, total));
    }
}
