namespace Marketplace.Alipay.Trades;

/// <summary>
/// alipay.trade.page.pay. Give at most one of <see cref="TimeoutExpress"/> ("90m") and <see cref="TimeExpire"/>
/// (absolute); <see cref="NotifyUrl"/>/<see cref="ReturnUrl"/> override the configured ones.
/// </summary>
public sealed record PagePayRequest(string OutTradeNo, decimal TotalAmount, string Subject)
{
    public string? Body { get; init; }

    public string? TimeoutExpress { get; init; }

    public DateTimeOffset? TimeExpire { get; init; }

    public string? PassbackParams { get; init; }

    public string? NotifyUrl { get; init; }

    public string? ReturnUrl { get; init; }
}
