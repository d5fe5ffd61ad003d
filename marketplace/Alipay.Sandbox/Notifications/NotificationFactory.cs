using System.Globalization;
using Alipay.Sandbox.Keys;
using Alipay.Sandbox.Trades;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;
using Marketplace.Alipay.Trades;
using Microsoft.Extensions.Options;

namespace Alipay.Sandbox.Notifications;

/// <summary>Builds trade_status_sync notifications as Alipay sends them, signed over everything but sign and sign_type.</summary>
public sealed class NotificationFactory(SandboxKeys keys, IOptions<SandboxOptions> options)
{
    public SandboxNotification? ForPayment(SandboxTrade trade, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return Create(trade, now, extra: null);
    }

    public SandboxNotification? ForRefund(SandboxTrade trade, SandboxRefund refund, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(refund);
        var extra = new Dictionary<string, string>
        {
            ["out_biz_no"] = refund.OutRequestNo,
            ["refund_fee"] = AlipayMoney.ToText(trade.RefundedAmount),
            ["gmt_refund"] = refund.At.ToOffset(AlipayTime.Offset).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        };
        if (trade.ClosedAt is { } closed)
        {
            extra["gmt_close"] = AlipayTime.ToText(closed);
        }
        return Create(trade, now, extra);
    }

    private SandboxNotification? Create(SandboxTrade trade, DateTimeOffset now, Dictionary<string, string>? extra)
    {
        if (string.IsNullOrEmpty(trade.NotifyUrl))
        {
            return null;
        }
        var notifyId = TradeNumbers.NewNotifyId();
        var amount = AlipayMoney.ToText(trade.TotalAmount);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notify_time"] = AlipayTime.ToText(now),
            ["notify_type"] = "trade_status_sync",
            ["notify_id"] = notifyId,
            ["app_id"] = trade.AppId,
            ["auth_app_id"] = trade.AppId,
            ["charset"] = "utf-8",
            ["version"] = "1.0",
            ["sign_type"] = AlipaySigner.SignType,
            ["trade_no"] = trade.TradeNo,
            ["out_trade_no"] = trade.OutTradeNo,
            ["buyer_id"] = trade.BuyerId ?? "",
            ["buyer_logon_id"] = trade.BuyerLogonId ?? "",
            ["seller_id"] = options.Value.SellerId,
            ["trade_status"] = trade.Status.ToText(),
            ["total_amount"] = amount,
            ["receipt_amount"] = amount,
            ["invoice_amount"] = amount,
            ["buyer_pay_amount"] = amount,
            ["point_amount"] = "0.00",
            ["subject"] = trade.Subject,
            ["body"] = trade.Body ?? "",
            ["gmt_create"] = AlipayTime.ToText(trade.CreatedAt),
            ["gmt_payment"] = trade.PaidAt is { } paid ? AlipayTime.ToText(paid) : "",
            ["fund_bill_list"] = $"[{{\"amount\":\"{amount}\",\"fundChannel\":\"ALIPAYACCOUNT\"}}]",
            ["passback_params"] = trade.PassbackParams ?? "",
        };
        foreach (var (k, v) in extra ?? [])
        {
            fields[k] = v;
        }
        foreach (var empty in fields.Where(f => f.Value.Length == 0).Select(f => f.Key).ToList())
        {
            fields.Remove(empty);
        }
        fields["sign"] = AlipaySigner.Sign(AlipaySignContent.ForNotification(fields!), keys.AlipayPrivateKey);
        return new SandboxNotification { NotifyId = notifyId, NotifyUrl = trade.NotifyUrl, Fields = fields, NextAttemptAt = now };
    }
}
