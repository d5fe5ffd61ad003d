using Marketplace.Api.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>Flash-sale details as the read cache holds them: the hottest key when a sale opens.</summary>
public static class FlashSaleCache
{
    public static readonly CacheRegion<FlashSaleSnapshot> Sales = new(
        "flash-sale",
        async (db, id, cancellationToken) =>
        {
            var sale = await db.FlashSales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            return sale is null ? null : FlashSaleSnapshot.From(sale);
        },
        db => db.FlashSales.AsNoTracking().Select(s => s.Id));
}
