using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Puts a sale into Redis from PostgreSQL: its window, the stock orders have not taken, and the
/// buyers who already hold an order, and who may not buy (the listing's seller, accounts younger than
/// the sale's minimum age). Used at creation and whenever the gate finds the sale missing
/// (a Redis that lost its data); idempotent, since the gate script only creates a missing sale.
/// </summary>
public sealed class FlashSalePrimer(MarketplaceDbContext db, FlashSaleGate gate)
{
    public async Task PrimeAsync(FlashSale sale, CancellationToken cancellationToken)
    {
        var buyers = await db.FlashReservations.AsNoTracking()
            .Where(r => r.SaleId == sale.Id && r.Status == ReservationStatus.Ordered)
            .Select(r => r.UserId)
            .ToListAsync(cancellationToken);
        var seller = await db.Listings.AsNoTracking()
            .Where(l => l.Id == sale.ListingId).Select(l => l.SellerId).SingleAsync(cancellationToken);
        await gate.PrimeAsync(sale, seller, buyers);
    }

    /// <summary>Primes the sale with this id; false when no such sale exists.</summary>
    public async Task<bool> PrimeAsync(Guid saleId, CancellationToken cancellationToken)
    {
        var sale = await db.FlashSales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == saleId, cancellationToken);
        if (sale is null)
        {
            return false;
        }

        await PrimeAsync(sale, cancellationToken);
        return true;
    }
}
