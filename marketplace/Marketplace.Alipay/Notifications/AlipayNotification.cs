using Marketplace.Alipay.Trades;

namespace Marketplace.Alipay.Notifications;

/// <summary>A verified async notification (notify_type trade_status_sync). <see cref="Fields"/> keeps every field as received, for audit.</summary>
public sealed record AlipayNotification(
    string NotifyId,
    DateTimeOffset NotifyTime,
    string NotifyType,
    string AppId,
    string OutTradeNo,
    string TradeNo,
    TradeStatus TradeStatus,
    decimal TotalAmount,
    IReadOnlyDictionary<string, string> Fields)
{
    public decimal? ReceiptAmount { get; init; }

    public decimal? BuyerPayAmount { get; init; }

    public decimal? RefundFee { get; init; }

    public string? OutBizNo { get; init; }

    public string? BuyerId { get; init; }

    public string? BuyerLogonId { get; init; }

    public string? SellerId { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? GmtCreate { get; init; }

    public DateTimeOffset? GmtPayment { get; init; }

    public DateTimeOffset? GmtRefund { get; init; }

    public DateTimeOffset? GmtClose { get; init; }

    public string? PassbackParams { get; init; }
}
