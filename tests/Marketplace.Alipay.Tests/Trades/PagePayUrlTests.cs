using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;
using Marketplace.Alipay.Trades;
using Marketplace.Tests.Payments.Alipay.Signing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Tests.Payments.Alipay.Trades;

public sealed class PagePayUrlTests(OpenSslKeys keys) : IClassFixture<OpenSslKeys>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 30, 5, TimeSpan.Zero);

    private static readonly string AlipayPublicKeyPem = CreatePublicKeyPem();

    private static string CreatePublicKeyPem()
    {
        using var alipay = RSA.Create(2048);
        return alipay.ExportSubjectPublicKeyInfoPem();
    }

    private AlipayClient Client(Action<AlipayOptions>? configure = null)
    {
        var options = new AlipayOptions
        {
            GatewayUrl = "https://openapi-sandbox.dl.alipaydev.com/gateway.do",
            AppId = "2021000000000001",
            AppPrivateKey = OpenSsl.BareBase64(keys.Pkcs8Private),
            AlipayPublicKey = AlipayPublicKeyPem,
            NotifyUrl = "https://shop.example/api/payments/alipay/notify",
            ReturnUrl = "https://shop.example/orders/return",
        };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        return new AlipayClient(new HttpClient(), new AlipayKeyRing(wrapped), wrapped, new FakeTimeProvider(Now));
    }

    [Fact]
    public async Task Url_carries_every_parameter_and_a_signature_openssl_accepts()
    {
        var url = Client().BuildPagePayUrl(new PagePayRequest("order_42", 88.5m, "点卡 100 元") { TimeoutExpress = "15m" });

        Assert.StartsWith("https://openapi-sandbox.dl.alipaydev.com/gateway.do?", url, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        Assert.Equal("alipay.trade.page.pay", query["method"]);
        Assert.Equal("2021000000000001", query["app_id"]);
        Assert.Equal("RSA2", query["sign_type"]);
        Assert.Equal("utf-8", query["charset"]);
        Assert.Equal("1.0", query["version"]);
        Assert.Equal("JSON", query["format"]);
        Assert.Equal("2026-11-25 18:30:05", query["timestamp"]); // UTC+8
        Assert.Equal("https://shop.example/api/payments/alipay/notify", query["notify_url"]);
        Assert.Equal("https://shop.example/orders/return", query["return_url"]);

        using var biz = JsonDocument.Parse(query["biz_content"]);
        var b = biz.RootElement;
        Assert.Equal("order_42", b.GetProperty("out_trade_no").GetString());
        Assert.Equal("88.50", b.GetProperty("total_amount").GetString());
        Assert.Equal("点卡 100 元", b.GetProperty("subject").GetString());
        Assert.Equal("FAST_INSTANT_TRADE_PAY", b.GetProperty("product_code").GetString());
        Assert.Equal("15m", b.GetProperty("timeout_express").GetString());
        Assert.False(b.TryGetProperty("time_expire", out _));

        var content = AlipaySignContent.ForRequest(query!);
        Assert.DoesNotContain("sign=", content.Replace("sign_type=", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(await OpenSsl.VerifyAsync(keys.PublicPath, content, query["sign"], keys.Dir));
        Assert.Equal(await OpenSsl.SignAsync(keys.Pkcs1PrivatePath, content, keys.Dir), query["sign"]);
    }

    [Fact]
    public void Absolute_expiry_is_written_in_china_time()
    {
        var p = Client().BuildPagePayParameters(new PagePayRequest("o_1", 1m, "x") { TimeExpire = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero) });
        using var biz = JsonDocument.Parse(p["biz_content"]);
        Assert.Equal("2026-11-26 00:00:00", biz.RootElement.GetProperty("time_expire").GetString());
        Assert.Equal("1.00", biz.RootElement.GetProperty("total_amount").GetString());
    }

    [Fact]
    public void Tampering_with_the_amount_breaks_the_signature()
    {
        var p = new Dictionary<string, string>(Client().BuildPagePayParameters(new PagePayRequest("o_2", 100m, "x")));
        using var pub = AlipayKeys.LoadPublicKey(keys.Public);
        Assert.True(AlipaySigner.Verify(AlipaySignContent.ForRequest(p!), p["sign"], pub));

        p["biz_content"] = p["biz_content"].Replace("100.00", "0.01", StringComparison.Ordinal);
        Assert.False(AlipaySigner.Verify(AlipaySignContent.ForRequest(p!), p["sign"], pub));
    }

    [Theory]
    [InlineData("", 1, "x")]
    [InlineData("has space", 1, "x")]
    [InlineData("o", 0, "x")]
    [InlineData("o", 0.001, "x")]
    [InlineData("o", 100000000.01, "x")]
    [InlineData("o", 1, "")]
    [InlineData("o", 1, "a&b")]
    public void Invalid_requests_are_refused_before_signing(string outTradeNo, double amount, string subject) =>
        Assert.Throws<ArgumentException>(() => Client().BuildPagePayUrl(new PagePayRequest(outTradeNo, (decimal)amount, subject)));

    [Fact]
    public void Both_timeouts_or_a_bad_timeout_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Client().BuildPagePayUrl(new PagePayRequest("o", 1m, "x") { TimeoutExpress = "5m", TimeExpire = Now }));
        Assert.Throws<ArgumentException>(() => Client().BuildPagePayUrl(new PagePayRequest("o", 1m, "x") { TimeoutExpress = "16d" }));
        Assert.Throws<ArgumentException>(() => Client().BuildPagePayUrl(new PagePayRequest("o", 1m, "x") { TimeoutExpress = "5s" }));
    }
}
