using System.Security.Cryptography;
using Marketplace.Alipay;
using Marketplace.Alipay.Notifications;
using Marketplace.Alipay.Signing;
using Marketplace.Alipay.Trades;
using Marketplace.Tests.Payments.Alipay.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Tests.Payments.Alipay.Notifications;

/// <summary>Notifications signed by openssl with "Alipay's" key, verified by the library with the matching public key.</summary>
public sealed class NotificationVerifierTests(OpenSslKeys keys) : IClassFixture<OpenSslKeys>
{
    private const string AppId = "2021000000000001";

    private static readonly string AppPrivateKeyPem = CreatePrivateKeyPem();

    private static string CreatePrivateKeyPem()
    {
        using var app = RSA.Create(2048);
        return app.ExportPkcs8PrivateKeyPem();
    }

    private AlipayNotificationVerifier Verifier()
    {
        var options = Options.Create(new AlipayOptions { AppId = AppId, AppPrivateKey = AppPrivateKeyPem, AlipayPublicKey = keys.Public });
        return new AlipayNotificationVerifier(new AlipayKeyRing(options));
    }

    private static Dictionary<string, string> Fields() => new()
    {
        ["notify_time"] = "2026-11-25 18:31:00",
        ["notify_type"] = "trade_status_sync",
        ["notify_id"] = "2026112500222183100012345678",
        ["app_id"] = AppId,
        ["charset"] = "utf-8",
        ["version"] = "1.0",
        ["sign_type"] = "RSA2",
        ["trade_no"] = "2026112522001400000000000001",
        ["out_trade_no"] = "order_42",
        ["buyer_id"] = "2088102177846880",
        ["seller_id"] = "2088000000000001",
        ["trade_status"] = "TRADE_SUCCESS",
        ["total_amount"] = "88.50",
        ["receipt_amount"] = "88.50",
        ["subject"] = "点卡 100 元",
        ["gmt_create"] = "2026-11-25 18:30:00",
        ["gmt_payment"] = "2026-11-25 18:30:59",
        ["fund_bill_list"] = "[{\"amount\":\"88.50\",\"fundChannel\":\"ALIPAYACCOUNT\"}]",
        ["body"] = "",
    };

    private async Task<Dictionary<string, string>> SignedAsync(Dictionary<string, string> fields, string? privateKeyPath = null)
    {
        fields["sign"] = await OpenSsl.SignAsync(privateKeyPath ?? keys.Pkcs8PrivatePath, AlipaySignContent.ForNotification(fields!), keys.Dir);
        return fields;
    }

    [Fact]
    public async Task Genuine_notification_is_verified_and_typed()
    {
        var result = Verifier().Verify(await SignedAsync(Fields()));

        Assert.True(result.IsValid, result.Reason);
        var n = result.Notification!;
        Assert.Equal("order_42", n.OutTradeNo);
        Assert.Equal(TradeStatus.TradeSuccess, n.TradeStatus);
        Assert.Equal(88.50m, n.TotalAmount);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 30, 59, TimeSpan.Zero), n.GmtPayment);
        Assert.Equal("点卡 100 元", n.Subject);
        Assert.Equal("2026112500222183100012345678", n.NotifyId);
    }

    [Fact]
    public async Task Sign_type_is_not_part_of_the_signed_content()
    {
        var fields = await SignedAsync(Fields());
        fields.Remove("sign_type");
        Assert.True(Verifier().Verify(fields).IsValid);
    }

    [Theory]
    [InlineData("total_amount", "0.01")]
    [InlineData("trade_status", "TRADE_FINISHED")]
    [InlineData("out_trade_no", "order_43")]
    [InlineData("extra_field", "x")]
    public async Task Tampered_field_is_refused(string field, string value)
    {
        var fields = await SignedAsync(Fields());
        fields[field] = value;
        var result = Verifier().Verify(fields);
        Assert.False(result.IsValid);
        Assert.Equal(NotificationRejection.BadSignature, result.Rejection);
    }

    [Fact]
    public async Task Forged_signature_from_another_key_is_refused()
    {
        var forger = Path.Combine(keys.Dir, "forger.pem");
        await OpenSsl.RunOkAsync("genrsa", "-out", forger, "2048");
        var result = Verifier().Verify(await SignedAsync(Fields(), forger));
        Assert.Equal(NotificationRejection.BadSignature, result.Rejection);
    }

    [Fact]
    public async Task Genuinely_signed_notification_for_another_app_is_refused()
    {
        var fields = Fields();
        fields["app_id"] = "2021999999999999";
        var result = Verifier().Verify(await SignedAsync(fields));
        Assert.Equal(NotificationRejection.AppIdMismatch, result.Rejection);
    }

    [Fact]
    public async Task Missing_signature_rsa1_and_malformed_fields_are_refused()
    {
        var unsigned = Fields();
        Assert.Equal(NotificationRejection.MissingSignature, Verifier().Verify(unsigned).Rejection);

        var rsa1 = await SignedAsync(Fields());
        rsa1["sign_type"] = "RSA";
        Assert.Equal(NotificationRejection.UnsupportedSignType, Verifier().Verify(rsa1).Rejection);

        var badAmount = Fields();
        badAmount["total_amount"] = "88.5.0";
        Assert.Equal(NotificationRejection.MalformedField, Verifier().Verify(await SignedAsync(badAmount)).Rejection);

        var badStatus = Fields();
        badStatus["trade_status"] = "PAID";
        Assert.Equal(NotificationRejection.MalformedField, Verifier().Verify(await SignedAsync(badStatus)).Rejection);
    }

    [Fact]
    public async Task Form_collection_is_accepted_and_repeated_fields_are_refused()
    {
        var fields = await SignedAsync(Fields());
        var form = new FormCollection(fields.ToDictionary(kv => kv.Key, kv => new StringValues(kv.Value)));
        Assert.True(Verifier().Verify(form).IsValid);

        var doubled = fields.ToDictionary(kv => kv.Key, kv => new StringValues(kv.Value));
        doubled["total_amount"] = new StringValues(["88.50", "0.01"]);
        Assert.Equal(NotificationRejection.MalformedField, Verifier().Verify(new FormCollection(doubled)).Rejection);
    }
}
