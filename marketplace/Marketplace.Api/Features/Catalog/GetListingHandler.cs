using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Catalog;

/// <summary>One listing by id, delisted ones included (with their status) since orders link to them.</summary>
public sealed class GetListingHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> HandleAsync(Guid listingId, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        return listing is null
            ? ApiProblems.NotFound($"Listing {listingId} does not exist.")
            : TypedResults.Ok(ListingResponse.From(listing));
    }
}
