using Marketplace.Alipay;
using Marketplace.Alipay.Trades;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Sends a recorded refund to the gateway with its deterministic out_request_no (so a retry after an
/// unknown outcome cannot refund twice) and records the outcome. A buyer's refund that succeeds moves
/// the order PAID → REFUNDED in the same transaction that marks the refund succeeded.
/// </summary>
public sealed partial class RefundExecutor(
    MarketplaceDbContext db, AlipayClient alipay, OrderTransitions transitions, TimeProvider time, ILogger<RefundExecutor> logger)
{
    private const string MarkSucceeded = """
        UPDATE refunds SET status = 'SUCCEEDED', succeeded_at = @now, attempts = attempts + 1, last_error = NULL
        WHERE out_request_no = @no AND status = 'PENDING'
        """;

    private const string MarkAttempt = """
        UPDATE refunds SET attempts = attempts + 1, last_error = @error, status = @status
        WHERE out_request_no = @no AND status = 'PENDING'
        """;

    /// <summary>One attempt; returns the refund's status afterwards (PENDING when it must be retried).</summary>
    public async Task<string> TryExecuteAsync(string outRequestNo, CancellationToken cancellationToken)
    {
        var refund = await db.Set<Refund>().AsNoTracking().SingleOrDefaultAsync(r => r.OutRequestNo == outRequestNo, cancellationToken)
            ?? throw new InvalidOperationException($"Refund {outRequestNo} does not exist.");
        if (refund.Status != RefundStatuses.Pending)
        {
            return refund.Status;
        }

        AlipayResult<TradeRefundResponse> result;
        try
        {
            result = await alipay.RefundAsync(
                new RefundRequest(refund.OutTradeNo, refund.Amount, refund.OutRequestNo) { RefundReason = refund.Reason },
                cancellationToken);
        }
        catch (Exception exception) when (exception is AlipayException or InvalidOperationException or IOException or HttpRequestException)
        {
            // Outcome unknown (or keys missing): retry later with the same out_request_no.
            LogRefundUnknown(logger, exception, refund.OutRequestNo);
            await RecordAttemptAsync(refund, exception.Message, RefundStatuses.Pending, cancellationToken);
            return RefundStatuses.Pending;
        }

        if (result.Error is { } error)
        {
            // A buyer's refund refused for good fails (the order may ship); money taken after a cancel is retried until refunded.
            var final = !error.IsRetryable && refund.Reason == RefundReasons.BuyerRequest;
            LogRefundRefused(logger, refund.OutRequestNo, error.ToString());
            var status = final ? RefundStatuses.Failed : RefundStatuses.Pending;
            await RecordAttemptAsync(refund, error.ToString(), status, cancellationToken);
            return status;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var update = await db.CommandInTransactionAsync(MarkSucceeded, cancellationToken))
        {
            update.Parameters.AddWithValue("no", refund.OutRequestNo);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // A concurrent attempt recorded it first.
                return RefundStatuses.Succeeded;
            }
        }

        if (refund.Reason == RefundReasons.BuyerRequest)
        {
            // Shipping is refused while a refund is pending, so the order is still PAID here.
            _ = await transitions.TryTransitionAsync(db, refund.OrderId, OrderState.Paid, OrderState.Refunded,
                PaymentActors.Refunds, $"refund {refund.OutRequestNo} succeeded", cancellationToken)
                ?? throw new InvalidOperationException($"Order {refund.OrderId} was not PAID when its refund succeeded.");
        }

        await transaction.CommitAsync(cancellationToken);
        return RefundStatuses.Succeeded;
    }

    private async Task RecordAttemptAsync(Refund refund, string error, string status, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var update = await db.CommandInTransactionAsync(MarkAttempt, cancellationToken))
        {
            update.Parameters.AddWithValue("no", refund.OutRequestNo);
            update.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
            update.Parameters.AddWithValue("status", status);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {OutRequestNo}: outcome unknown; it will be retried")]
    private static partial void LogRefundUnknown(ILogger logger, Exception exception, string outRequestNo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {OutRequestNo} refused by the gateway: {Error}")]
    private static partial void LogRefundRefused(ILogger logger, string outRequestNo, string error);
}
