using Marketplace.Api.Infrastructure.Persistence;
using Npgsql;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// Every order state change goes through <see cref="TryTransitionAsync"/>: one conditional
/// <c>UPDATE orders SET state = @to, version = version + 1 ... WHERE id = @id AND state = @from</c>
/// (plus <c>AND version = @v</c> when the caller acts on a version it read) and the history row,
/// in the caller's transaction. Racing writers (buyer cancel, timeout job, payment callback) all
/// name the state they expect; PostgreSQL serialises them on the row and re-checks the WHERE
/// clause, so exactly one sees one row updated and every other sees zero.
/// </summary>
/// <remarks>
/// The state is the guard rather than a version read beforehand: no transition leaves a state
/// unchanged (<see cref="OrderStateMachine"/>), so "still in @from" already means "nobody moved
/// it", and the timeout job can cancel without a read round trip. The version is bumped anyway,
/// so readers (and callers passing <c>expectedVersion</c>) can detect any change.
/// </remarks>
public sealed class OrderTransitions(TimeProvider time)
{
    private const string Update = """
        UPDATE orders SET state = @to, version = version + 1, updated_at = @now
        WHERE id = @id AND state = @from AND (@version IS NULL OR version = @version)
        RETURNING buyer_id, seller_id, listing_id, flash_sale_id, reservation_id, quantity, version
        """;

    private const string InsertHistory = """
        INSERT INTO order_history (order_id, from_state, to_state, actor, reason, at)
        VALUES (@id, @from, @to, @actor, @reason, @now)
        """;

    /// <summary>
    /// Moves the order from <paramref name="from"/> to <paramref name="to"/> if it is still in
    /// <paramref name="from"/> (and at <paramref name="expectedVersion"/> when given). Returns the
    /// order when this call won, null when the order was not in that state (lost race or wrong state).
    /// </summary>
    /// <exception cref="InvalidOperationException">The state machine does not allow the move, or no transaction is open.</exception>
    public async Task<TransitionedOrder?> TryTransitionAsync(
        MarketplaceDbContext db, Guid orderId, OrderState from, OrderState to, string actor, string reason,
        CancellationToken cancellationToken, int? expectedVersion = null)
    {
        if (!OrderStateMachine.CanTransition(from, to))
        {
            throw new InvalidOperationException($"{from.ToName()} → {to.ToName()} is not a legal order transition.");
        }

        var now = time.GetUtcNow();
        TransitionedOrder? won = null;
        await using (var update = await db.CommandInTransactionAsync(Update, cancellationToken))
        {
            update.Parameters.AddWithValue("id", orderId);
            update.Parameters.AddWithValue("from", from.ToName());
            update.Parameters.AddWithValue("to", to.ToName());
            update.Parameters.AddWithValue("now", now);
            update.Parameters.Add(new NpgsqlParameter("version", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)expectedVersion ?? DBNull.Value });
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                won = new TransitionedOrder(
                    orderId,
                    reader.GetGuid(0),
                    reader.GetGuid(1),
                    reader.GetGuid(2),
                    reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    reader.GetInt32(5),
                    from,
                    to,
                    reader.GetInt32(6));
            }
        }

        if (won is null)
        {
            return null;
        }

        await using (var history = await db.CommandInTransactionAsync(InsertHistory, cancellationToken))
        {
            history.Parameters.AddWithValue("id", orderId);
            history.Parameters.AddWithValue("from", from.ToName());
            history.Parameters.AddWithValue("to", to.ToName());
            history.Parameters.AddWithValue("actor", actor);
            history.Parameters.AddWithValue("reason", reason);
            history.Parameters.AddWithValue("now", now);
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        return won;
    }
}
