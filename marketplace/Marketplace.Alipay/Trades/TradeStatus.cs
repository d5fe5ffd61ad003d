namespace Marketplace.Alipay.Trades;

/// <summary>Alipay's <c>trade_status</c>.</summary>
public enum TradeStatus
{
    /// <summary>WAIT_BUYER_PAY: created, not paid.</summary>
    WaitBuyerPay,

    /// <summary>TRADE_CLOSED: unpaid and timed out/closed, or fully refunded.</summary>
    TradeClosed,

    /// <summary>TRADE_SUCCESS: paid; refunds still possible.</summary>
    TradeSuccess,

    /// <summary>TRADE_FINISHED: paid and no longer refundable.</summary>
    TradeFinished,
}

public static class TradeStatusText
{
    public const string WaitBuyerPay = "WAIT_BUYER_PAY";
    public const string TradeClosed = "TRADE_CLOSED";
    public const string TradeSuccess = "TRADE_SUCCESS";
    public const string TradeFinished = "TRADE_FINISHED";

    public static string ToText(this TradeStatus status) => status switch
    {
        TradeStatus.WaitBuyerPay => WaitBuyerPay,
        TradeStatus.TradeClosed => TradeClosed,
        TradeStatus.TradeSuccess => TradeSuccess,
        TradeStatus.TradeFinished => TradeFinished,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? text, out TradeStatus status)
    {
        (var ok, status) = text switch
        {
            WaitBuyerPay => (true, TradeStatus.WaitBuyerPay),
            TradeClosed => (true, TradeStatus.TradeClosed),
            TradeSuccess => (true, TradeStatus.TradeSuccess),
            TradeFinished => (true, TradeStatus.TradeFinished),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>TRADE_SUCCESS and TRADE_FINISHED both mean the buyer's money arrived.</summary>
    public static bool IsPaid(this TradeStatus status) => status is TradeStatus.TradeSuccess or TradeStatus.TradeFinished;
}
