namespace Marketplace.Alipay.Trades;

/// <summary>alipay.trade.query's answer.</summary>
public sealed record TradeQueryResponse(
    string OutTradeNo,
    string TradeNo,
    TradeStatus TradeStatus,
    decimal TotalAmount,
    string? BuyerLogonId,
    decimal? BuyerPayAmount,
    DateTimeOffset? SendPayDate);

/// <summary>alipay.trade.close's answer.</summary>
public sealed record TradeCloseResponse(string OutTradeNo, string? TradeNo);

/// <summary>alipay.trade.refund's answer. <see cref="FundChange"/> is false when this out_request_no was already refunded.</summary>
public sealed record TradeRefundResponse(
    string OutTradeNo,
    string TradeNo,
    bool FundChange,
    decimal RefundFee,
    string? BuyerLogonId,
    DateTimeOffset? GmtRefundPay);
