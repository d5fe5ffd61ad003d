using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// One listing by id, delisted ones included (with their status) since orders link to them. Read
/// through the two-level cache; ids the bloom filter rejects never reach Redis or PostgreSQL.
/// </summary>
public sealed class GetListingHandler(ReadThroughCache cache)
{
    public async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> HandleAsync(Guid listingId, CancellationToken cancellationToken)
    {
        var listing = await cache.GetAsync(CatalogCache.Listings, listingId, cancellationToken);
        return listing is null
            ? ApiProblems.NotFound($"Listing {listingId} does not exist.")
            : TypedResults.Ok(listing);
    }
}
