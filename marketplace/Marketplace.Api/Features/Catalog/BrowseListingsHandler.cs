using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// Active listings, newest first, id as tie-break so pages never overlap or skip. Not cached: the read cache holds
/// single listings by id (<see cref="CatalogCache"/>), so no cached page can go stale when a filter is added here.
/// </summary>
public sealed class BrowseListingsHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<ListingPage>, ValidationProblem>> HandleAsync(
        BrowseListingsQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Validate(errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var listings = db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Active);
        if (valid.Game is not null)
        {
            listings = listings.Where(l => l.Game == valid.Game);
        }

        if (valid.Kind is not null)
        {
            listings = listings.Where(l => l.Kind == valid.Kind);
        }

        if (valid.Search is not null)
        {
            // A substring anywhere, so no index helps; the other filters and the active-only partial indexes narrow first.
            var pattern = LikePattern.Containing(valid.Search);
            listings = listings.Where(l => EF.Functions.ILike(l.Title, pattern, LikePattern.Escape)
                || EF.Functions.ILike(l.Game, pattern, LikePattern.Escape));
        }

        if (valid.MinPrice is { } min)
        {
            listings = listings.Where(l => l.Price.Amount >= min);
        }

        if (valid.MaxPrice is { } max)
        {
            listings = listings.Where(l => l.Price.Amount <= max);
        }

        if (valid.Currency is not null)
        {
            listings = listings.Where(l => l.Price.Currency == valid.Currency);
        }

        if (valid.SellerId is { } sellerId)
        {
            listings = listings.Where(l => l.SellerId == sellerId);
        }

        var total = await listings.CountAsync(cancellationToken);
        var page = await listings
            .OrderByDescending(l => l.CreatedAt)
            .ThenByDescending(l => l.Id)
            .Skip(valid.Paging.Skip)
            .Take(valid.Paging.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListingPage(
            [.. page.Select(ListingResponse.From)], valid.Paging.Page, valid.Paging.PageSize, total));
    }
}
