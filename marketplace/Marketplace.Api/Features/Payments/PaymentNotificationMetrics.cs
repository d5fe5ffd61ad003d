using System.Diagnostics.Metrics;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Payment notifications by verdict (meter <see cref="RefundMetrics.MeterName"/>; at /metrics as
/// <c>marketplace_payments_notifications_total{verdict}</c>: APPLIED, ALREADY_APPLIED, REFUND_SCHEDULED, IGNORED, REFUSED).
/// ALREADY_APPLIED is a gateway's retry of a notification an instance applied before its answer was lost.
/// </summary>
public sealed class PaymentNotificationMetrics
{
    private readonly Counter<long> _notifications;

    public PaymentNotificationMetrics(IMeterFactory meters)
    {
        _notifications = meters.Create(RefundMetrics.MeterName).CreateCounter<long>("marketplace.payments.notifications",
            description: "Alipay notifications handled, by the verdict recorded for each (verdict).");
    }

    public void Handled(string verdict) => _notifications.Add(1, new KeyValuePair<string, object?>("verdict", verdict));
}
