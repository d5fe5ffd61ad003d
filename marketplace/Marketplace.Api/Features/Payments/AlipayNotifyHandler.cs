using Marketplace.Alipay.Notifications;
using Marketplace.Alipay.Trades;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// <c>POST /api/payments/alipay/notify</c>: answers plain <c>success</c> only when the notification
/// verified (signature, app id), names a trade this marketplace opened, carries the order's amount,
/// and was applied (or had been already); anything else is <c>failure</c>, so Alipay retries it.
/// Every notification is stored with its verdict, within bounds (the endpoint is open to anyone):
/// stored text is cut to <see cref="NotificationStorageOptions.MaxStoredChars"/> and refused
/// notifications past <see cref="RefusedNotificationLimiter"/>'s limits are counted, not stored.
/// </summary>
public sealed partial class AlipayNotifyHandler(
    MarketplaceDbContext db,
    AlipayNotificationVerifier verifier,
    PaymentApplier applier,
    RefundExecutor refunds,
    TimeProvider time,
    RefusedNotificationLimiter refusedLimiter,
    IOptions<NotificationStorageOptions> storage,
    PaymentNotificationMetrics metrics,
    ILogger<AlipayNotifyHandler> logger)
{
    public const string Success = "success";
    public const string Failure = "failure";

    private static readonly Dictionary<string, string> NoFields = [];

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var source = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!request.HasFormContentType)
        {
            await RefuseAsync(source, NoFields, null, "not form-encoded", cancellationToken);
            return Answer(false);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException)
        {
            await RefuseAsync(source, NoFields, null, "malformed form: " + exception.Message, cancellationToken);
            return Answer(false);
        }

        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        NotificationVerification verification;
        try
        {
            verification = verifier.Verify(form);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException)
        {
            // The Alipay keys cannot be read: refuse, and Alipay retries once they are in place.
            LogKeysUnavailable(logger, exception);
            await RefuseAsync(source, fields, null, "alipay keys unavailable: " + exception.Message, cancellationToken);
            return Answer(false);
        }

        if (verification.Notification is not { } notification)
        {
            await RefuseAsync(source, fields, null, $"{verification.Rejection}: {verification.Reason}", cancellationToken);
            return Answer(false);
        }

        var payment = await db.Set<Payment>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.OutTradeNo == notification.OutTradeNo, cancellationToken);
        if (payment is null)
        {
            await RefuseAsync(source, fields, notification, $"unknown out_trade_no '{notification.OutTradeNo}'", cancellationToken);
            return Answer(false);
        }

        if (notification.TotalAmount != payment.Amount)
        {
            await RefuseAsync(source, fields, notification,
                $"total_amount {notification.TotalAmount:0.00} does not equal the order's {payment.Amount:0.00}", cancellationToken, payment.OrderId);
            return Answer(false);
        }

        if (notification.RefundFee is not null || !notification.TradeStatus.IsPaid())
        {
            // Refund notices and unpaid/closed statuses: the marketplace already knows (it asked for them).
            Audit(db, fields, notification, payment.OrderId, NotificationVerdicts.Ignored,
                notification.RefundFee is null ? $"{notification.TradeStatus.ToText()} changes nothing" : "refund notice");
            await db.SaveChangesAsync(cancellationToken);
            return Answer(true);
        }

        var trade = new PaidTrade(payment.OrderId, payment.OutTradeNo, notification.TradeNo, notification.TotalAmount,
            notification.GmtPayment);
        var verdict = await applier.ApplyAsync(trade, PaymentActors.AlipayNotification,
            async (tx, v) =>
            {
                Audit(tx, fields, notification, payment.OrderId, v, null);
                await tx.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);
        if (verdict == NotificationVerdicts.RefundScheduled)
        {
            // First attempt now; the refund retrier keeps trying if this one does not go through.
            await refunds.TryExecuteAsync(Refund.OutRequestNoFor(payment.OrderId), cancellationToken);
        }

        return Answer(true);
    }

    private async Task RefuseAsync(
        string source, IReadOnlyDictionary<string, string> fields, AlipayNotification? notification, string reason,
        CancellationToken cancellationToken, Guid? orderId = null)
    {
        LogRefused(logger, StoredNotificationText.Text(fields.GetValueOrDefault("out_trade_no"), 128), reason);
        if (!refusedLimiter.TryKeep(source))
        {
            return;
        }

        Audit(db, fields, notification, orderId, NotificationVerdicts.Refused, reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Audit(
        MarketplaceDbContext target, IReadOnlyDictionary<string, string> fields, AlipayNotification? notification,
        Guid? orderId, string verdict, string? reason)
    {
        metrics.Handled(verdict);
        target.Set<PaymentNotification>().Add(new PaymentNotification
        {
            ReceivedAt = time.GetUtcNow(),
            OutTradeNo = StoredNotificationText.Text(notification?.OutTradeNo ?? fields.GetValueOrDefault("out_trade_no"), 128),
            OrderId = orderId,
            NotifyId = StoredNotificationText.Text(notification?.NotifyId ?? fields.GetValueOrDefault("notify_id"), 128),
            TradeStatus = StoredNotificationText.Text(fields.GetValueOrDefault("trade_status"), 32),
            Fields = StoredNotificationText.Fields(fields, storage.Value.MaxStoredChars),
            Verdict = verdict,
            Reason = StoredNotificationText.Text(reason, storage.Value.MaxStoredChars),
        });
    }

    private static IResult Answer(bool success) => Results.Text(success ? Success : Failure, "text/plain");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alipay notification for {OutTradeNo} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? outTradeNo, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alipay keys unavailable; notification refused")]
    private static partial void LogKeysUnavailable(ILogger logger, Exception exception);
}
