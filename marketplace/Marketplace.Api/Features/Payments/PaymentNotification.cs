namespace Marketplace.Api.Features.Payments;

/// <summary>Every async notification received, accepted or refused, with the raw fields as sent: the audit trail.</summary>
public sealed class PaymentNotification
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string? OutTradeNo { get; set; }

    public Guid? OrderId { get; set; }

    public string? NotifyId { get; set; }

    public string? TradeStatus { get; set; }

    /// <summary>The form fields as received (JSON object), signature included.</summary>
    public string Fields { get; set; } = "{}";

    /// <summary>One of <see cref="NotificationVerdicts"/>.</summary>
    public string Verdict { get; set; } = "";

    public string? Reason { get; set; }
}
