using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// Replaces a listing's fields; only its seller may, only while it is active, and only from the
/// version they read (428 without one, 409 when it is stale), so stock changed by an order in
/// flight is never overwritten with a number computed before it.
/// </summary>
public sealed class UpdateListingHandler(MarketplaceDbContext db, ReadThroughCache cache, TimeProvider time)
{
    public async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid sellerId, Guid listingId, ListingRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (ListingRules.Validate(request, errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null)
        {
            return ApiProblems.NotFound($"Listing {listingId} does not exist.");
        }

        if (listing.SellerId != sellerId)
        {
            return ApiProblems.Forbidden("Only the seller who created a listing may change it.");
        }

        if (!listing.IsActive)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.ListingDelisted,
                "The listing is delisted.", "Delisted listings cannot be changed.");
        }

        // Stock is absolute in this body, and purchases, cancellations and sales move it (each bumps the
        // version): without the version the seller read, a purchase in between would be overwritten.
        if (request.Version is not { } expected)
        {
            return ApiProblems.Of(StatusCodes.Status428PreconditionRequired, ProblemTypes.VersionRequired,
                "The listing's version is required.",
                $"Send the version you read (now {listing.Version}) in the body's 'version' field.");
        }

        // The caller's view becomes the WHERE clause's version, so a stale read fails to update.
        db.Entry(listing).Property(l => l.Version).OriginalValue = expected;

        listing.Title = valid.Title;
        listing.Kind = valid.Kind;
        listing.Game = valid.Game;
        listing.Description = valid.Description;
        listing.Price = valid.Price;
        listing.Stock = valid.Stock;
        listing.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.ConcurrencyConflict();
        }

        // Cache-aside: PostgreSQL first, then the cached copies go.
        await cache.InvalidateAsync(CatalogCache.Listings, listing.Id, cancellationToken);
        return TypedResults.Ok(ListingResponse.From(listing));
    }
}
