using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// <c>GET /api/flash-sales</c>: live and/or upcoming sales, soonest start first (id as tie-break, so pages never
/// overlap or skip), each with its listing's title and game and the remaining stock the gate reports, read for the
/// whole page in one pipelined Redis round trip. Redis unreachable: PostgreSQL's count, as the sale page does.
/// </summary>
public sealed class ListFlashSalesHandler(MarketplaceDbContext db, FlashSaleGate gate, TimeProvider time)
{
    public async Task<Results<Ok<FlashSalePage>, ValidationProblem>> HandleAsync(FlashSaleListQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Validate(errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        // One instant for the filter and every item's status, so an item never contradicts the list it is in.
        var now = time.GetUtcNow();
        var sales = db.FlashSales.AsNoTracking();
        sales = valid.Status switch
        {
            FlashSaleListQuery.Live => sales.Where(s => s.StartsAt <= now && s.EndsAt > now),
            FlashSaleListQuery.Upcoming => sales.Where(s => s.StartsAt > now),
            _ => sales.Where(s => s.EndsAt > now),
        };

        var paging = valid.Paging;
        var total = await sales.CountAsync(cancellationToken);
        var page = await sales
            .Join(db.Listings, s => s.ListingId, l => l.Id, (s, l) => new { Sale = s, l.Title, l.Game })
            .OrderBy(x => x.Sale.StartsAt)
            .ThenBy(x => x.Sale.Id)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        var remaining = await RemainingAsync([.. page.Select(x => x.Sale.Id)]);
        var items = page.Select((x, i) => new FlashSaleSummary(
            x.Sale.Id, x.Sale.ListingId, x.Title, x.Game, new PriceDto(x.Sale.Price.Amount, x.Sale.Price.Currency),
            x.Sale.TotalStock, remaining[i] ?? x.Sale.Stock, x.Sale.StartsAt, x.Sale.EndsAt, x.Sale.PerUserLimit,
            x.Sale.StatusAt(now))).ToList();
        return TypedResults.Ok(new FlashSalePage(items, paging.Page, paging.PageSize, total));
    }

    // A list is a page people browse, not a purchase: a Redis failure costs freshness, never the answer.
    private async Task<IReadOnlyList<int?>> RemainingAsync(IReadOnlyList<Guid> saleIds)
    {
        try
        {
            return await gate.StocksAsync(saleIds);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new int?[saleIds.Count];
        }
    }
}
