using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Applies a paid trade to its order, once: the single conditional PENDING_PAYMENT → PAID transition.
/// A copy that loses (duplicate, replay, a racing query) finds the order already paid and changes
/// nothing; a payment that finds the order CANCELLED records an automatic refund in the same
/// transaction, so money never stays taken for a cancelled order.
/// </summary>
public sealed class PaymentApplier(MarketplaceDbContext db, OrderTransitions transitions, TimeProvider time)
{
    private const string RecordPaid = """
        UPDATE payments SET trade_no = @trade_no, paid_at = COALESCE(paid_at, @paid_at)
        WHERE order_id = @id AND (trade_no IS NULL OR paid_at IS NULL)
        """;

    private const string InsertRefund = """
        INSERT INTO refunds (out_request_no, order_id, out_trade_no, amount, reason, status, attempts, created_at)
        VALUES (@no, @id, @out_trade_no, @amount, @reason, 'PENDING', 0, @now)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Returns the verdict (<see cref="NotificationVerdicts"/>); <paramref name="beforeCommit"/> runs in the
    /// same transaction (the notification's audit row), so the audit and the transition commit together.
    /// </summary>
    public async Task<string> ApplyAsync(
        PaidTrade trade, string actor, Func<MarketplaceDbContext, string, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var won = await transitions.TryTransitionAsync(
            db, trade.OrderId, OrderState.PendingPayment, OrderState.Paid, actor, $"alipay trade {trade.TradeNo} paid", cancellationToken);
        string verdict;
        if (won is not null)
        {
            verdict = NotificationVerdicts.Applied;
        }
        else
        {
            // The update waited for any transition in flight and then saw its outcome; read that outcome.
            var state = await db.Orders.Where(o => o.Id == trade.OrderId).Select(o => o.State).SingleAsync(cancellationToken);
            verdict = state switch
            {
                OrderState.Cancelled => NotificationVerdicts.RefundScheduled,
                OrderState.PendingPayment => throw new InvalidOperationException($"Order {trade.OrderId} is pending but the PAID transition lost."),
                _ => NotificationVerdicts.AlreadyApplied,
            };
            if (verdict == NotificationVerdicts.RefundScheduled)
            {
                await ScheduleRefundAsync(trade, cancellationToken);
            }
        }

        await RecordTradeAsync(trade, cancellationToken);
        if (beforeCommit is not null)
        {
            await beforeCommit(db, verdict);
        }

        await transaction.CommitAsync(cancellationToken);
        return verdict;
    }

    private async Task ScheduleRefundAsync(PaidTrade trade, CancellationToken cancellationToken)
    {
        await using var insert = await db.CommandInTransactionAsync(InsertRefund, cancellationToken);
        insert.Parameters.AddWithValue("no", Refund.OutRequestNoFor(trade.OrderId));
        insert.Parameters.AddWithValue("id", trade.OrderId);
        insert.Parameters.AddWithValue("out_trade_no", trade.OutTradeNo);
        insert.Parameters.AddWithValue("amount", trade.Amount);
        insert.Parameters.AddWithValue("reason", RefundReasons.PaidAfterCancel);
        insert.Parameters.AddWithValue("now", time.GetUtcNow());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordTradeAsync(PaidTrade trade, CancellationToken cancellationToken)
    {
        await using var update = await db.CommandInTransactionAsync(RecordPaid, cancellationToken);
        update.Parameters.AddWithValue("id", trade.OrderId);
        update.Parameters.AddWithValue("trade_no", trade.TradeNo);
        update.Parameters.Add(new("paid_at", NpgsqlDbType.TimestampTz) { Value = (trade.PaidAt ?? time.GetUtcNow()).ToUniversalTime() });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
