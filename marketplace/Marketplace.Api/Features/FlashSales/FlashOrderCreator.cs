using Marketplace.Api.Domain;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Turns one <see cref="OrderRequested"/> into its decision, in one PostgreSQL transaction: insert the order, record
/// the reservation as ORDERED, and take a unit of the sale's stock last, with a guarded decrement
/// (<c>stock &gt; 0</c>). Last, because that update locks the sale's row until the commit, and every consumer of a hot
/// sale queues on that lock: taken first, the lock was held across the order's inserts and one sale's orders were made
/// one at a time whatever the number of consumers. No stock left at the end: the transaction rolls back and the
/// reservation is released (sold out) instead. Redelivery is harmless: a reservation already decided is left as it is,
/// and the unique (sale, buyer) and reservation-id indexes back that up.
/// </summary>
public sealed class FlashOrderCreator(
    MarketplaceDbContext db, OrderCreation orders, ReservationSettlement settlement)
{
    private const string ReadSale = """
        SELECT s.stock, s.listing_id, l.seller_id, s.price_amount, s.price_currency
        FROM flash_sales s JOIN listings l ON l.id = s.listing_id
        WHERE s.id = @id
        """;

    // Under READ COMMITTED a blocked update re-checks stock > 0 on the row it finally locks: never below zero.
    private const string TakeStock = """
        UPDATE flash_sales SET stock = stock - 1, version = version + 1
        WHERE id = @id AND stock > 0
        """;

    private const string BuyerHasOrder = """
        SELECT EXISTS (SELECT 1 FROM flash_reservations WHERE sale_id = @sale AND user_id = @user AND status = 'ORDERED')
        """;

    /// <summary>The decision that holds after this call (made now, or earlier by someone else).</summary>
    public async Task<ReservationDecision> DecideAsync(OrderRequested request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ReservationSettlement.FindAsync(db, request.ReservationId, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var decision = await TryOrderAsync(request, cancellationToken);
        if (!await settlement.TryRecordAsync(db, request, decision, cancellationToken))
        {
            // The reconciler decided this reservation while we worked: our order rolls back.
            await transaction.RollbackAsync(cancellationToken);
            return await DecidedElsewhereAsync(request, cancellationToken);
        }

        if (decision.Status == ReservationStatus.Ordered && !await TakeStockAsync(request.SaleId, cancellationToken))
        {
            // Sold out since the sale was read: no order, the reservation is released instead.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await using var release = await db.Database.BeginTransactionAsync(cancellationToken);
            var soldOut = ReservationDecision.Released(ReservationDecision.SoldOut);
            if (!await settlement.TryRecordAsync(db, request, soldOut, cancellationToken))
            {
                await release.RollbackAsync(cancellationToken);
                return await DecidedElsewhereAsync(request, cancellationToken);
            }

            await release.CommitAsync(cancellationToken);
            return soldOut;
        }

        await transaction.CommitAsync(cancellationToken);
        return decision;
    }

    private async Task<ReservationDecision> DecidedElsewhereAsync(OrderRequested request, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var again = await db.Database.BeginTransactionAsync(cancellationToken);
        return await ReservationSettlement.FindAsync(db, request.ReservationId, cancellationToken)
            ?? throw new InvalidOperationException($"Reservation {request.ReservationId} lost its decision.");
    }

    private async Task<bool> TakeStockAsync(Guid saleId, CancellationToken cancellationToken)
    {
        await using var take = await db.CommandInTransactionAsync(TakeStock, cancellationToken);
        take.Parameters.AddWithValue("id", saleId);
        return await take.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<ReservationDecision> TryOrderAsync(OrderRequested request, CancellationToken cancellationToken)
    {
        await using (var duplicate = await db.CommandInTransactionAsync(BuyerHasOrder, cancellationToken))
        {
            duplicate.Parameters.AddWithValue("sale", request.SaleId);
            duplicate.Parameters.AddWithValue("user", request.UserId);
            if ((bool)(await duplicate.ExecuteScalarAsync(cancellationToken))!)
            {
                return ReservationDecision.Released(ReservationDecision.DuplicateBuyer);
            }
        }

        var sale = await ReadSaleAsync(request.SaleId, cancellationToken)
            ?? throw new InvalidOperationException($"Flash sale {request.SaleId} of reservation {request.ReservationId} does not exist.");
        if (sale.Stock <= 0)
        {
            return ReservationDecision.Released(ReservationDecision.SoldOut);
        }

        var order = await orders.TryCreateAsync(db, new NewOrder(
            request.UserId, sale.SellerId, sale.ListingId, 1, sale.Price, OrderActors.FlashSale,
            FlashSaleId: request.SaleId, ReservationId: request.ReservationId), cancellationToken)
            ?? throw new InvalidOperationException(
                $"An order for reservation {request.ReservationId} or buyer {request.UserId} in sale {request.SaleId} appeared concurrently.");
        return ReservationDecision.Ordered(order.Id);
    }

    private async Task<SaleRow?> ReadSaleAsync(Guid saleId, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(ReadSale, cancellationToken);
        command.Parameters.AddWithValue("id", saleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SaleRow(reader.GetInt32(0), reader.GetGuid(1), reader.GetGuid(2),
                Money.Create(reader.GetDecimal(3), reader.GetString(4).Trim()))
            : null;
    }

    private sealed record SaleRow(int Stock, Guid ListingId, Guid SellerId, Money Price);
}
