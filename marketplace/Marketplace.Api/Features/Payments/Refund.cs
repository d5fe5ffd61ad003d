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

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SucceededAt { get; set; }

    public static string OutRequestNoFor(Guid orderId) => $"R{orderId:N}";
}
