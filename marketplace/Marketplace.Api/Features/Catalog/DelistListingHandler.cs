using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// Soft delete: the row stays (orders reference it) with status DELISTED. The seller may delist
/// their own listing, an admin any. Delisting twice is a no-op.
/// </summary>
public sealed class DelistListingHandler(MarketplaceDbContext db, ReadThroughCache cache, TimeProvider time)
{
    public async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid userId, bool isAdmin, Guid listingId, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null)
        {
            return ApiProblems.NotFound($"Listing {listingId} does not exist.");
        }

        if (listing.SellerId != userId && !isAdmin)
        {
            return ApiProblems.Forbidden("Only the seller who created a listing may delist it.");
        }

        if (listing.IsActive)
        {
            listing.Status = ListingStatus.Delisted;
            listing.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ApiProblems.ConcurrencyConflict();
            }

            await cache.InvalidateAsync(CatalogCache.Listings, listing.Id, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
