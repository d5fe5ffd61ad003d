using Marketplace.Alipay;
using Marketplace.Alipay.Trades;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Retries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Sends a recorded refund to the gateway with its deterministic out_request_no (so a retry after an
/// unknown outcome cannot refund twice) and records the outcome. A buyer's refund that succeeds moves
/// the order PAID → REFUNDED in the same transaction that marks the refund succeeded. A failed attempt schedules
/// the next one after an exponential, jittered, capped delay; after <see cref="PaymentsOptions.RefundMaxAttempts"/>
/// attempts (or a refusal for good of money owed for a cancelled order) the refund is GAVE_UP: logged, counted and
/// listed for admins, since money may still be owed.
/// </summary>
public sealed partial class RefundExecutor(
    MarketplaceDbContext db,
    AlipayClient alipay,
    OrderTransitions transitions,
    RefundMetrics metrics,
    IOptions<PaymentsOptions> options,
    TimeProvider time,
    ILogger<RefundExecutor> logger)
{
    private const string MarkSucceeded = """
        UPDATE refunds SET status = 'SUCCEEDED', succeeded_at = @now, attempts = attempts + 1, last_error = NULL, gave_up_at = NULL
        WHERE out_request_no = @no AND status IN ('PENDING', 'GAVE_UP')
        """;

    private const string MarkAttempt = """
        UPDATE refunds SET attempts = attempts + 1, last_error = @error, status = @status, next_attempt_at = @next,
            gave_up_at = CASE WHEN @status = 'GAVE_UP' THEN @now END
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
            return await RecordFailureAsync(refund, exception.Message, refusedForGood: false, cancellationToken);
        }

        if (result.Error is { } error)
        {
            LogRefundRefused(logger, refund.OutRequestNo, error.ToString());
            return await RecordFailureAsync(refund, error.ToString(), refusedForGood: !error.IsRetryable, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var update = await db.CommandInTransactionAsync(MarkSucceeded, cancellationToken))
        {
            update.Parameters.AddWithValue("no", refund.OutRequestNo);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // A concurrent attempt recorded an outcome first: report what is stored, not what this one assumed.
                return await StoredStatusAsync(refund.OutRequestNo, cancellationToken);
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

    /// <summary>
    /// Records a failed attempt and returns the refund's status afterwards. A buyer's refund refused for good FAILS
    /// (the buyer is told; the order may ship); money owed for a cancelled order refused for good cannot be retried
    /// into success either, so it is GAVE_UP at once for a person; anything else waits its back-off, until the bound.
    /// </summary>
    private async Task<string> RecordFailureAsync(Refund refund, string error, bool refusedForGood, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var attempts = refund.Attempts + 1;
        var status = refusedForGood
            ? refund.Reason == RefundReasons.BuyerRequest ? RefundStatuses.Failed : RefundStatuses.GaveUp
            : attempts >= settings.RefundMaxAttempts ? RefundStatuses.GaveUp : RefundStatuses.Pending;
        var now = time.GetUtcNow();
        var next = now + ExponentialBackoff.Delay(attempts, settings.RefundRetryBaseDelay, settings.RefundRetryMaxDelay, Random.Shared.NextDouble());
        int updated;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var update = await db.CommandInTransactionAsync(MarkAttempt, cancellationToken))
        {
            update.Parameters.AddWithValue("no", refund.OutRequestNo);
            update.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
            update.Parameters.AddWithValue("status", status);
            update.Parameters.AddWithValue("next", next);
            update.Parameters.AddWithValue("now", now);
            updated = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (updated == 0)
        {
            return await StoredStatusAsync(refund.OutRequestNo, cancellationToken);
        }

        if (status == RefundStatuses.GaveUp)
        {
            metrics.GaveUp(refund.Reason);
            LogGaveUp(logger, refund.OutRequestNo, refund.OrderId, refund.Reason, refund.Amount, attempts, error);
        }

        return status;
    }

    private Task<string> StoredStatusAsync(string outRequestNo, CancellationToken cancellationToken) =>
        db.Set<Refund>().AsNoTracking().Where(r => r.OutRequestNo == outRequestNo).Select(r => r.Status).SingleAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {OutRequestNo}: outcome unknown; it will be retried")]
    private static partial void LogRefundUnknown(ILogger logger, Exception exception, string outRequestNo);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Refund {OutRequestNo} of order {OrderId} ({Reason}, {Amount}) GAVE UP after {Attempts} attempts: {Error}; an admin must settle it")]
    private static partial void LogGaveUp(ILogger logger, string outRequestNo, Guid orderId, string reason, decimal amount, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {OutRequestNo} refused by the gateway: {Error}")]
    private static partial void LogRefundRefused(ILogger logger, string outRequestNo, string error);
}
