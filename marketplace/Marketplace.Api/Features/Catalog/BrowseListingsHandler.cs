using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Catalog;

/// <summary>Active listings, newest first, id as tie-break so pages never overlap or skip.</summary>
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
