using Alipay.Sandbox.Trades;
using Marketplace.Alipay;
using Marketplace.Alipay.Trades;

namespace Alipay.Sandbox.Payments;

/// <summary>What <c>/sandbox/trades/{out_trade_no}</c> shows: the trade and every notification's delivery state.</summary>
public sealed record TradeView(
    string OutTradeNo,
    string TradeNo,
    string TradeStatus,
    string TotalAmount,
    string RefundedAmount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ExpiresAt,
    string? NotifyUrl,
    IReadOnlyList<RefundView> Refunds,
    IReadOnlyList<NotificationView> Notifications)
{
    public static TradeView Of(SandboxTrade t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(
            t.OutTradeNo, t.TradeNo, t.Status.ToText(), AlipayMoney.ToText(t.TotalAmount), AlipayMoney.ToText(t.RefundedAmount),
            t.CreatedAt, t.PaidAt, t.ClosedAt, t.ExpiresAt, t.NotifyUrl,
            [.. t.Refunds.Select(r => new RefundView(r.OutRequestNo, AlipayMoney.ToText(r.Amount), r.At))],
            [.. t.Notifications.Select(n => new NotificationView(
                n.NotifyId, n.Fields.GetValueOrDefault("trade_status") ?? "", n.Attempts, n.Delivered, n.GaveUp, n.NextAttemptAt, n.LastResult, [.. n.AttemptedAt]))]);
    }
}

public sealed record RefundView(string OutRequestNo, string Amount, DateTimeOffset At);

public sealed record NotificationView(
    string NotifyId, string TradeStatus, int Attempts, bool Delivered, bool GaveUp, DateTimeOffset? NextAttemptAt, string? LastResult, IReadOnlyList<DateTimeOffset> AttemptedAt);
