using Marketplace.Api.Domain;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// Inserts a PENDING_PAYMENT order and its creation history row inside the caller's transaction,
/// so stock taken in that transaction and the order commit or roll back together.
/// </summary>
/// <remarks>
/// For the flash-sale consumer: open a transaction on a <see cref="MarketplaceDbContext"/>, call
/// <see cref="TryCreateAsync"/> first, and only when it returns an order take the sale's stock and
/// commit; <c>null</c> means the (buyer, flash sale) pair or the reservation already has an order,
/// so the message is a redelivery and nothing else should change. The insert uses
/// <c>ON CONFLICT DO NOTHING</c>, so a duplicate does not abort the caller's transaction.
/// </remarks>
public sealed class OrderCreation(IOptions<OrdersOptions> options, TimeProvider time)
{
    private const string InsertOrder = """
        INSERT INTO orders (id, buyer_id, seller_id, listing_id, flash_sale_id, reservation_id, quantity,
            unit_price_amount, unit_price_currency, total_amount, total_currency, state, version,
            payment_deadline, created_at, updated_at)
        VALUES (@id, @buyer, @seller, @listing, @flash_sale, @reservation, @quantity,
            @unit_amount, @currency, @total_amount, @currency, @state, 1, @deadline, @now, @now)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertHistory = """
        INSERT INTO order_history (order_id, from_state, to_state, actor, reason, at)
        VALUES (@id, NULL, @state, @actor, 'created', @now)
        """;

    public async Task<Order?> TryCreateAsync(MarketplaceDbContext db, NewOrder order, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order.Quantity, 1);
        if (order.ReservationId is not null && order.FlashSaleId is null)
        {
            throw new ArgumentException("A reservation belongs to a flash sale: set FlashSaleId too.", nameof(order));
        }

        var now = time.GetUtcNow();
        var created = new Order
        {
            Id = order.OrderId ?? Guid.CreateVersion7(now),
            BuyerId = order.BuyerId,
            SellerId = order.SellerId,
            ListingId = order.ListingId,
            FlashSaleId = order.FlashSaleId,
            ReservationId = order.ReservationId,
            Quantity = order.Quantity,
            UnitPrice = order.UnitPrice,
            Total = Money.Create(order.UnitPrice.Amount * order.Quantity, order.UnitPrice.Currency),
            State = OrderState.PendingPayment,
            Version = 1,
            PaymentDeadline = order.PaymentDeadline ?? now + options.Value.PaymentTimeout,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await using (var insert = await db.CommandInTransactionAsync(InsertOrder, cancellationToken))
        {
            insert.Parameters.AddWithValue("id", created.Id);
            insert.Parameters.AddWithValue("buyer", created.BuyerId);
            insert.Parameters.AddWithValue("seller", created.SellerId);
            insert.Parameters.AddWithValue("listing", created.ListingId);
            insert.Parameters.Add(new("flash_sale", NpgsqlDbType.Uuid) { Value = (object?)created.FlashSaleId ?? DBNull.Value });
            insert.Parameters.Add(new("reservation", NpgsqlDbType.Uuid) { Value = (object?)created.ReservationId ?? DBNull.Value });
            insert.Parameters.AddWithValue("quantity", created.Quantity);
            insert.Parameters.AddWithValue("unit_amount", created.UnitPrice.Amount);
            insert.Parameters.AddWithValue("total_amount", created.Total.Amount);
            insert.Parameters.AddWithValue("currency", created.UnitPrice.Currency);
            insert.Parameters.AddWithValue("state", created.State.ToName());
            insert.Parameters.AddWithValue("deadline", created.PaymentDeadline);
            insert.Parameters.AddWithValue("now", now);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        await using (var history = await db.CommandInTransactionAsync(InsertHistory, cancellationToken))
        {
            history.Parameters.AddWithValue("id", created.Id);
            history.Parameters.AddWithValue("state", created.State.ToName());
            history.Parameters.AddWithValue("actor", order.Actor);
            history.Parameters.AddWithValue("now", now);
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        return created;
    }
}
