using Marketplace.Api.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Catalog;

/// <summary>Listing details as the read cache holds them (the GET response, immutable).</summary>
public static class CatalogCache
{
    public static readonly CacheRegion<ListingResponse> Listings = new(
        "listing",
        async (db, id, cancellationToken) =>
        {
            var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
            return listing is null ? null : ListingResponse.From(listing);
        },
        db => db.Listings.AsNoTracking().Select(l => l.Id));
}
