using Marketplace.Api.Domain;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Turns one <see cref="OrderRequested"/> into its decision, in one PostgreSQL transaction: take a
/// unit of the sale's stock with the version-checked update (bounded retry), insert the order, and
/// record the reservation as ORDERED. Redelivery is harmless: a reservation already decided is
/// left as it is, and the unique (sale, buyer) and reservation-id indexes back that up.
/// </summary>
public sealed class FlashOrderCreator(
    MarketplaceDbContext db, OrderCreation orders, ReservationSettlement settlement, IOptions<FlashSalesOptions> options)
{
    private const string ReadSale = """
        SELECT s.stock, s.version, s.listing_id, l.seller_id, s.price_amount, s.price_currency
        FROM flash_sales s JOIN listings l ON l.id = s.listing_id
        WHERE s.id = @id
        """;

    private const string TakeStock = """
        UPDATE flash_sales SET stock = stock - 1, version = version + 1
        WHERE id = @id AND version = @version AND stock > 0
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
            // The reconciler decided this reservation while we worked: our stock and order roll back.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await using var again = await db.Database.BeginTransactionAsync(cancellationToken);
            return await ReservationSettlement.FindAsync(db, request.ReservationId, cancellationToken)
                ?? throw new InvalidOperationException($"Reservation {request.ReservationId} lost its decision.");
        }

        await transaction.CommitAsync(cancellationToken);
        return decision;
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

        for (var attempt = 1; attempt <= options.Value.StockUpdateAttempts; attempt++)
        {
            var sale = await ReadSaleAsync(request.SaleId, cancellationToken)
                ?? throw new InvalidOperationException($"Flash sale {request.SaleId} of reservation {request.ReservationId} does not exist.");
            if (sale.Stock <= 0)
            {
                return ReservationDecision.Released(ReservationDecision.SoldOut);
            }

            await using var take = await db.CommandInTransactionAsync(TakeStock, cancellationToken);
            take.Parameters.AddWithValue("id", request.SaleId);
            take.Parameters.AddWithValue("version", sale.Version);
            if (await take.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                continue; // Someone else changed the row since we read it: read again.
            }

            var order = await orders.TryCreateAsync(db, new NewOrder(
                request.UserId, sale.SellerId, sale.ListingId, 1, sale.Price, OrderActors.FlashSale,
                FlashSaleId: request.SaleId, ReservationId: request.ReservationId), cancellationToken)
                ?? throw new InvalidOperationException(
                    $"An order for reservation {request.ReservationId} or buyer {request.UserId} in sale {request.SaleId} appeared concurrently.");
            return ReservationDecision.Ordered(order.Id);
        }

        throw new StockContentionException(request.SaleId, options.Value.StockUpdateAttempts);
    }

    private async Task<SaleRow?> ReadSaleAsync(Guid saleId, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(ReadSale, cancellationToken);
        command.Parameters.AddWithValue("id", saleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SaleRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetGuid(2), reader.GetGuid(3),
                Money.Create(reader.GetDecimal(4), reader.GetString(5).Trim()))
            : null;
    }

    private sealed record SaleRow(int Stock, int Version, Guid ListingId, Guid SellerId, Money Price);
}
