using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Features.Catalog;

public sealed class CreateListingHandler(MarketplaceDbContext db, ReadThroughCache cache, TimeProvider time)
{
    public async Task<Results<Created<ListingResponse>, ValidationProblem>> HandleAsync(
        Guid sellerId, ListingRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (ListingRules.Validate(request, errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var listing = new Listing
        {
            Id = Guid.CreateVersion7(now),
            SellerId = sellerId,
            Title = valid.Title,
            Kind = valid.Kind,
            Game = valid.Game,
            Description = valid.Description,
            Price = valid.Price,
            Stock = valid.Stock,
            Status = ListingStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Listings.Add(listing);
        await db.SaveChangesAsync(cancellationToken);
        await cache.RecordCreatedAsync(CatalogCache.Listings, listing.Id);
        return TypedResults.Created($"/api/listings/{listing.Id}", ListingResponse.From(listing));
    }
}
