namespace Marketplace.Api.Features.Payments;

/// <summary>
/// The gateway trade opened for an order (one per order: out_trade_no is the order id). Its
/// existence is what tells the timeout gate that a trade may exist at the gateway.
/// </summary>
public sealed class Payment
{
    public Guid OrderId { get; set; }

    public string OutTradeNo { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Alipay's trade number, once a payment was seen (notification or query).</summary>
    public string? TradeNo { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public static string OutTradeNoFor(Guid orderId) => orderId.ToString("N");
}
