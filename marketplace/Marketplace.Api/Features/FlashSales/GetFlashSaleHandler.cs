using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>A sale's page: its details through the two-level cache, the live remaining stock from the gate.</summary>
public sealed class GetFlashSaleHandler(ReadThroughCache cache, FlashSaleGate gate, TimeProvider time)
{
    public async Task<Results<Ok<FlashSaleResponse>, ProblemHttpResult>> HandleAsync(Guid saleId, CancellationToken cancellationToken)
    {
        var sale = await cache.GetAsync(FlashSaleCache.Sales, saleId, cancellationToken);
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
            sale.Id, sale.ListingId, sale.Price, sale.TotalStock,
            remaining ?? sale.Stock, sale.StartsAt, sale.EndsAt, sale.PerUserLimit, sale.StatusAt(time.GetUtcNow()),
            sale.MinAccountAgeMinutes));
    }
}
