using Marketplace.Alipay.Signing;
using Marketplace.Alipay.Trades;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Alipay.Notifications;

/// <summary>
/// Checks an async notification as Alipay specifies: signature over the sorted non-empty fields without
/// <c>sign</c> and <c>sign_type</c>, made with the Alipay private key; then that it is for this app.
/// Amount and order checks belong to the caller, who knows the order.
/// </summary>
public sealed class AlipayNotificationVerifier(AlipayKeyRing keys)
{
    public NotificationVerification Verify(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>(form.Count);
        foreach (var (key, values) in form)
        {
            if (values.Count > 1)
            {
                return NotificationVerification.Refused(NotificationRejection.MalformedField, $"field '{key}' appears {values.Count} times");
            }
            fields.Add(new(key, values.ToString()));
        }
        return Verify(fields);
    }

    public NotificationVerification Verify(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (!map.TryAdd(key, value ?? ""))
            {
                return NotificationVerification.Refused(NotificationRejection.MalformedField, $"field '{key}' appears twice");
            }
        }
        if (!map.TryGetValue("sign", out var sign) || string.IsNullOrWhiteSpace(sign))
        {
            return NotificationVerification.Refused(NotificationRejection.MissingSignature, "no sign field");
        }
        if (map.TryGetValue("sign_type", out var signType) && signType.Length > 0 && signType != AlipaySigner.SignType)
        {
            return NotificationVerification.Refused(NotificationRejection.UnsupportedSignType, $"sign_type '{signType}' is not RSA2");
        }
        var content = AlipaySignContent.ForNotification(map!);
        if (!AlipaySigner.Verify(content, sign, keys.AlipayPublicKey))
        {
            return NotificationVerification.Refused(NotificationRejection.BadSignature, "signature does not verify with the Alipay public key");
        }
        var appId = map.GetValueOrDefault("app_id");
        if (appId != keys.AppId)
        {
            return NotificationVerification.Refused(NotificationRejection.AppIdMismatch, $"app_id '{appId}' is not this app");
        }
        return Parse(map);
    }

    private static NotificationVerification Parse(Dictionary<string, string> f)
    {
        string? Opt(string k) => f.TryGetValue(k, out var v) && v.Length > 0 ? v : null;
        NotificationVerification Bad(string k) => NotificationVerification.Refused(NotificationRejection.MalformedField, $"field '{k}' is missing or malformed");

        if (Opt("out_trade_no") is not { } outTradeNo) return Bad("out_trade_no");
        if (Opt("trade_no") is not { } tradeNo) return Bad("trade_no");
        if (Opt("notify_id") is not { } notifyId) return Bad("notify_id");
        if (!AlipayTime.TryParse(Opt("notify_time"), out var notifyTime)) return Bad("notify_time");
        if (!TradeStatusText.TryParse(Opt("trade_status"), out var status)) return Bad("trade_status");
        if (!AlipayMoney.TryParse(Opt("total_amount"), out var total)) return Bad("total_amount");
        foreach (var money in new[] { "receipt_amount", "buyer_pay_amount", "refund_fee" })
        {
            if (Opt(money) is { } m && !AlipayMoney.TryParse(m, out _)) return Bad(money);
        }
        foreach (var time in new[] { "gmt_create", "gmt_payment", "gmt_refund", "gmt_close" })
        {
            // gmt_refund carries milliseconds in Alipay's notifications ("yyyy-MM-dd HH:mm:ss.SSS"): keep the seconds.
            if (Opt(time) is { } t && !AlipayTime.TryParse(Trim(t), out _)) return Bad(time);
        }
        var notification = new AlipayNotification(notifyId, notifyTime, Opt("notify_type") ?? "", f["app_id"], outTradeNo, tradeNo, status, total, f)
        {
            ReceiptAmount = AlipayMoney.ParseOrNull(Opt("receipt_amount")),
            BuyerPayAmount = AlipayMoney.ParseOrNull(Opt("buyer_pay_amount")),
            RefundFee = AlipayMoney.ParseOrNull(Opt("refund_fee")),
            OutBizNo = Opt("out_biz_no"),
            BuyerId = Opt("buyer_id"),
            BuyerLogonId = Opt("buyer_logon_id"),
            SellerId = Opt("seller_id"),
            Subject = Opt("subject"),
            GmtCreate = AlipayTime.ParseOrNull(Trim(Opt("gmt_create"))),
            GmtPayment = AlipayTime.ParseOrNull(Trim(Opt("gmt_payment"))),
            GmtRefund = AlipayTime.ParseOrNull(Trim(Opt("gmt_refund"))),
            GmtClose = AlipayTime.ParseOrNull(Trim(Opt("gmt_close"))),
            PassbackParams = Opt("passback_params") is { } pb ? Uri.UnescapeDataString(pb) : null,
        };
        return NotificationVerification.Accepted(notification);
    }

    private static string? Trim(string? time) => time is { Length: > 19 } ? time[..19] : time;
}
