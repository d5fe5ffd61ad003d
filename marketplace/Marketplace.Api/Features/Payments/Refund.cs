namespace Marketplace.Api.Features.Payments;

/// <summary>
/// One full refund of an order's trade, keyed by its deterministic out_request_no so every retry
/// of it is the same refund at the gateway. At most one per order.
/// </summary>
public sealed class Refund
{
    public string OutRequestNo { get; set; } = "";

    public Guid OrderId { get; set; }

    public string OutTradeNo { get; set; } = "";

    public decimal Amount { get; set; }

    /// <summary>One of <see cref="RefundReasons"/>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>One of <see cref="RefundStatuses"/>.</summary>
    public string Status { get; set; } = RefundStatuses.Pending;

    /// <summary>Gateway attempts so far; the retrier gives up after <see cref="PaymentsOptions.RefundMaxAttempts"/>.</summary>
    public int Attempts { get; set; }

    /// <summary>When the retrier may send it again (PENDING only): now on insert, later after each failed attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the retrier stopped trying (status GAVE_UP): a person must settle it with the gateway.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SucceededAt { get; set; }

    public static string OutRequestNoFor(Guid orderId) => $"R{orderId:N}";
}
