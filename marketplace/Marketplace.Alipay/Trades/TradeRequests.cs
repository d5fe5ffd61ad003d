namespace Marketplace.Alipay.Trades;

/// <summary>alipay.trade.refund. <see cref="OutRequestNo"/> makes the refund idempotent: repeat it to retry safely.</summary>
public sealed record RefundRequest(string OutTradeNo, decimal RefundAmount, string OutRequestNo)
{
    public string? RefundReason { get; init; }
}
