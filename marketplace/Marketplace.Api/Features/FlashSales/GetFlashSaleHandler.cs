using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

public sealed class GetFlashSaleHandler(MarketplaceDbContext db, FlashSaleGate gate, TimeProvider time)
{
    public async Task<Results<Ok<FlashSaleResponse>, ProblemHttpResult>> HandleAsync(Guid saleId, CancellationToken cancellationToken)
    {
        var sale = await db.FlashSales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == saleId, cancellationToken);
        if (sale is null)
        {
            return ApiProblems.NotFound($"Flash sale {saleId} does not exist.");
        }

        int? remaining;
        try
        {
            remaining = await gate.StockAsync(saleId);
        }
        catch (RedisException)
        {
            remaining = null;
        }

        return TypedResults.Ok(new FlashSaleResponse(
            sale.Id, sale.ListingId, new PriceDto(sale.Price.Amount, sale.Price.Currency), sale.TotalStock,
            remaining ?? sale.Stock, sale.StartsAt, sale.EndsAt, sale.PerUserLimit, sale.StatusAt(time.GetUtcNow())));
    }
}
