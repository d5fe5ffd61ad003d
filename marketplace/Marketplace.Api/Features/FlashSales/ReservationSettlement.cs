using Marketplace.Api.Infrastructure.Persistence;
using Npgsql;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Records a reservation's decision in PostgreSQL and applies it to Redis. The insert is
/// conditional on the reservation id (ON CONFLICT DO NOTHING): whichever of the consumer and the
/// reconciler commits first decides, the other learns the existing decision and applies that.
/// </summary>
public sealed class ReservationSettlement(FlashSaleGate gate, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO flash_reservations (id, sale_id, user_id, status, order_id, reason, reserved_at, decided_at)
        VALUES (@id, @sale, @user, @status, @order, @reason, @reserved, @now)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string Select = "SELECT status, reason, order_id FROM flash_reservations WHERE id = @id";

    /// <summary>Inserts the decision in the context's open transaction; false when one already exists.</summary>
    public async Task<bool> TryRecordAsync(
        MarketplaceDbContext db, OrderRequested request, ReservationDecision decision, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(Insert, cancellationToken);
        command.Parameters.AddWithValue("id", request.ReservationId);
        command.Parameters.AddWithValue("sale", request.SaleId);
        command.Parameters.AddWithValue("user", request.UserId);
        command.Parameters.AddWithValue("status", decision.Status);
        command.Parameters.Add(new NpgsqlParameter("order", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)decision.OrderId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)decision.Reason ?? DBNull.Value });
        command.Parameters.AddWithValue("reserved", request.RequestedAt);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The decision already recorded for a reservation, if any (inside the open transaction).</summary>
    public static async Task<ReservationDecision?> FindAsync(MarketplaceDbContext db, Guid reservationId, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(Select, cancellationToken);
        command.Parameters.AddWithValue("id", reservationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReservationDecision(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2))
            : null;
    }

    /// <summary>Applies a committed decision to Redis; idempotent (the entry is removed once).</summary>
    public Task ApplyToRedisAsync(Guid saleId, Guid reservationId, Guid userId, ReservationDecision decision) =>
        gate.ReleaseAsync(saleId, reservationId, userId, decision.ReturnsStock, decision.FreesBuyer);
}
