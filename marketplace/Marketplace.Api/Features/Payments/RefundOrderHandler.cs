using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// <c>POST /api/orders/{id}/refund</c>: the buyer of a PAID (not yet shipped) order. The refund is
/// recorded under the order's row lock (shipping re-checks for it under the same lock, so an order is
/// never both refunded and shipped), then sent to the gateway; the order becomes REFUNDED only when
/// the gateway confirms. An unknown outcome answers 202 and the refund retrier finishes it. Asking again re-opens a
/// FAILED or GAVE_UP refund with a fresh attempt budget (same out_request_no, so never a second refund).
/// </summary>
public sealed class RefundOrderHandler(MarketplaceDbContext db, RefundExecutor executor, TimeProvider time)
{
    private const string LockOrder = "SELECT state FROM orders WHERE id = @id FOR UPDATE";

    private const string UpsertRefund = """
        INSERT INTO refunds (out_request_no, order_id, out_trade_no, amount, reason, status, attempts, created_at)
        VALUES (@no, @id, @out_trade_no, @amount, @reason, 'PENDING', 0, @now)
        ON CONFLICT (out_request_no) DO UPDATE SET status = 'PENDING', attempts = 0, next_attempt_at = @now, gave_up_at = NULL
        WHERE refunds.status IN ('FAILED', 'GAVE_UP')
        """;

    public async Task<Results<Ok<OrderResponse>, Accepted<OrderResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        var found = await db.FindForPartyAsync(orderId, userId, OrderParty.Buyer, "ask for a refund", cancellationToken);
        if (!found.Allowed)
        {
            return found.Refusal;
        }

        var order = found.Order;

        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using (var lockOrder = await db.CommandInTransactionAsync(LockOrder, cancellationToken))
            {
                lockOrder.Parameters.AddWithValue("id", orderId);
                var state = OrderStateNames.Parse((string)(await lockOrder.ExecuteScalarAsync(cancellationToken))!);
                if (state != OrderState.Paid || payment is null)
                {
                    return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.InvalidTransition,
                        "The order cannot be refunded.", $"The order is {state.ToName()}; only PAID orders not yet shipped can be refunded.");
                }
            }

            await using (var insert = await db.CommandInTransactionAsync(UpsertRefund, cancellationToken))
            {
                insert.Parameters.AddWithValue("no", Refund.OutRequestNoFor(orderId));
                insert.Parameters.AddWithValue("id", orderId);
                insert.Parameters.AddWithValue("out_trade_no", payment.OutTradeNo);
                insert.Parameters.AddWithValue("amount", payment.Amount);
                insert.Parameters.AddWithValue("reason", RefundReasons.BuyerRequest);
                insert.Parameters.AddWithValue("now", time.GetUtcNow());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var status = await executor.TryExecuteAsync(Refund.OutRequestNoFor(orderId), cancellationToken);
        var current = OrderResponse.From((await db.FindVisibleAsync(orderId, userId, cancellationToken))!);
        return status switch
        {
            RefundStatuses.Succeeded => TypedResults.Ok(current),
            RefundStatuses.Pending => TypedResults.Accepted($"{OrdersRoute.Prefix}/{orderId}", current),
            _ => ApiProblems.Of(StatusCodes.Status502BadGateway, PaymentProblemTypes.RefundRefused,
                "The payment gateway refused the refund.",
                (await db.Set<Refund>().AsNoTracking().Where(r => r.OrderId == orderId).Select(r => r.LastError).SingleAsync(cancellationToken)) ?? ""),
        };
    }
}
