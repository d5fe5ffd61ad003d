using System.Security.Cryptography;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;

namespace Marketplace.Tests.Payments;

/// <summary>
/// Builds trade_status_sync notifications as Alipay sends them, signed with the sandbox's Alipay
/// private key (or another key, to forge one).
/// </summary>
public sealed class SignedNotifications(string sandboxDirectory, string appId)
{
    public Dictionary<string, string> Paid(string outTradeNo, decimal amount, string? appIdOverride = null, string status = "TRADE_SUCCESS")
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notify_time"] = AlipayTime.ToText(now),
            ["notify_type"] = "trade_status_sync",
            ["notify_id"] = Guid.NewGuid().ToString("N"),
            ["app_id"] = appIdOverride ?? appId,
            ["charset"] = "utf-8",
            ["version"] = "1.0",
            ["sign_type"] = "RSA2",
            ["trade_no"] = "2026" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999),
            ["out_trade_no"] = outTradeNo,
            ["trade_status"] = status,
            ["total_amount"] = AlipayMoney.ToText(amount),
            ["receipt_amount"] = AlipayMoney.ToText(amount),
            ["buyer_pay_amount"] = AlipayMoney.ToText(amount),
            ["gmt_create"] = AlipayTime.ToText(now.AddMinutes(-1)),
            ["gmt_payment"] = AlipayTime.ToText(now),
            ["subject"] = "test order",
        };
    }

    /// <summary>Signs with the sandbox's Alipay private key (what the marketplace verifies against).</summary>
    public Dictionary<string, string> Sign(Dictionary<string, string> fields)
    {
        using var key = AlipayKeys.LoadPrivateKey(File.ReadAllText(Path.Combine(sandboxDirectory, "alipay_private_key.pem")));
        return SignWith(fields, key);
    }

    public static Dictionary<string, string> SignWith(Dictionary<string, string> fields, RSA key)
    {
        var signed = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        signed.Remove("sign");
        signed["sign"] = AlipaySigner.Sign(AlipaySignContent.ForNotification(signed!), key);
        return signed;
    }
}
