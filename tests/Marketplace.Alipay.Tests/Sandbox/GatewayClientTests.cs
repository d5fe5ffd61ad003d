using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;
using Marketplace.Alipay.Trades;

namespace Marketplace.Tests.Payments.Alipay.Sandbox;

/// <summary>The typed client against the in-process sandbox: every answer is signed and verified on the way back.</summary>
public sealed class GatewayClientTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SandboxHost Host => fixture.Host;

    private static string NewOrder() => "o_" + Guid.NewGuid().ToString("N")[..20];

    private async Task OpenAsync(string outTradeNo, decimal amount = 30m, string? timeout = null)
    {
        var url = Host.Client(o => o.NotifyUrl = "http://127.0.0.1:9/notify").BuildPagePayUrl(new PagePayRequest(outTradeNo, amount, "游戏点卡") { TimeoutExpress = timeout });
        using var page = await Host.Http.GetAsync(new Uri(url), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("WAIT_BUYER_PAY", html, StringComparison.Ordinal);
        Assert.Contains(">Pay<", html, StringComparison.Ordinal);
    }

    private async Task PayAsync(string outTradeNo)
    {
        using var paid = await Host.Http.PostAsync(new Uri($"/sandbox/trades/{outTradeNo}/pay", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
    }

    [Fact]
    public async Task Page_pay_then_pay_moves_the_trade_from_wait_buyer_pay_to_trade_success()
    {
        var order = NewOrder();
        var client = Host.Client();
        await OpenAsync(order, 88.5m);

        var before = await client.QueryAsync(order, Ct);
        Assert.True(before.IsSuccess, before.Error?.ToString());
        Assert.Equal(TradeStatus.WaitBuyerPay, before.Value.TradeStatus);
        Assert.Equal(88.5m, before.Value.TotalAmount);
        Assert.Null(before.Value.SendPayDate);

        await PayAsync(order);
        var after = await client.QueryAsync(order, Ct);
        Assert.True(after.IsSuccess);
        Assert.Equal(TradeStatus.TradeSuccess, after.Value.TradeStatus);
        Assert.Equal(before.Value.TradeNo, after.Value.TradeNo);
        Assert.NotNull(after.Value.SendPayDate);
        Assert.Equal(88.5m, after.Value.BuyerPayAmount);
    }

    [Fact]
    public async Task Query_of_an_unknown_trade_is_a_typed_trade_not_exist()
    {
        var result = await Host.Client().QueryAsync(NewOrder(), Ct);
        Assert.False(result.IsSuccess);
        Assert.Equal("40004", result.Error.Code);
        Assert.Equal(AlipaySubCodes.TradeNotExist, result.Error.SubCode);
    }

    [Fact]
    public async Task Close_closes_an_unpaid_trade_which_then_cannot_be_paid()
    {
        var order = NewOrder();
        var client = Host.Client();
        await OpenAsync(order);

        var closed = await client.CloseAsync(order, Ct);
        Assert.True(closed.IsSuccess, closed.Error?.ToString());
        Assert.Equal(order, closed.Value.OutTradeNo);
        Assert.Equal(TradeStatus.TradeClosed, (await client.QueryAsync(order, Ct)).Value!.TradeStatus);

        using var pay = await Host.Http.PostAsync(new Uri($"/sandbox/trades/{order}/pay", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, pay.StatusCode);
        Assert.Equal("application/problem+json", pay.Content.Headers.ContentType?.MediaType);

        var again = await client.CloseAsync(order, Ct);
        Assert.Equal(AlipaySubCodes.TradeStatusError, again.Error?.SubCode);
    }

    [Fact]
    public async Task Close_of_a_paid_trade_is_refused_and_the_payment_stands()
    {
        var order = NewOrder();
        var client = Host.Client();
        await OpenAsync(order);
        await PayAsync(order);

        var closed = await client.CloseAsync(order, Ct);
        Assert.False(closed.IsSuccess);
        Assert.Equal(AlipaySubCodes.TradeStatusError, closed.Error.SubCode);
        Assert.Equal(TradeStatus.TradeSuccess, (await client.QueryAsync(order, Ct)).Value!.TradeStatus);
        Assert.Equal(AlipaySubCodes.TradeNotExist, (await client.CloseAsync(NewOrder(), Ct)).Error?.SubCode);
    }

    [Fact]
    public async Task Refunds_are_partial_then_full_idempotent_per_request_no_and_bounded_by_the_total()
    {
        var order = NewOrder();
        var client = Host.Client();
        await OpenAsync(order, 100m);

        var unpaid = await client.RefundAsync(new RefundRequest(order, 10m, "r1"), Ct);
        Assert.Equal(AlipaySubCodes.TradeStatusError, unpaid.Error?.SubCode);

        await PayAsync(order);
        var first = await client.RefundAsync(new RefundRequest(order, 30m, "r1") { RefundReason = "买家取消" }, Ct);
        Assert.True(first.IsSuccess, first.Error?.ToString());
        Assert.True(first.Value.FundChange);
        Assert.Equal(30m, first.Value.RefundFee);

        var repeat = await client.RefundAsync(new RefundRequest(order, 30m, "r1"), Ct);
        Assert.True(repeat.IsSuccess);
        Assert.False(repeat.Value.FundChange);
        Assert.Equal(30m, repeat.Value.RefundFee);

        var tooMuch = await client.RefundAsync(new RefundRequest(order, 70.01m, "r2"), Ct);
        Assert.Equal(AlipaySubCodes.RefundAmountExceeded, tooMuch.Error?.SubCode);
        Assert.Equal(TradeStatus.TradeSuccess, (await client.QueryAsync(order, Ct)).Value!.TradeStatus);

        var rest = await client.RefundAsync(new RefundRequest(order, 70m, "r2"), Ct);
        Assert.True(rest.IsSuccess);
        Assert.Equal(100m, rest.Value.RefundFee);
        Assert.Equal(TradeStatus.TradeClosed, (await client.QueryAsync(order, Ct)).Value!.TradeStatus);

        var afterClose = await client.RefundAsync(new RefundRequest(order, 1m, "r3"), Ct);
        Assert.Equal(AlipaySubCodes.TradeHasClose, afterClose.Error?.SubCode);
        Assert.Equal(AlipaySubCodes.TradeNotExist, (await client.RefundAsync(new RefundRequest(NewOrder(), 1m, "r1"), Ct)).Error?.SubCode);
    }

    [Fact]
    public async Task Request_signed_with_the_wrong_app_key_is_refused_with_invalid_signature()
    {
        using var stranger = RSA.Create(2048);
        var client = Host.Client(o => { o.AppPrivateKey = stranger.ExportPkcs8PrivateKeyPem(); o.KeyDirectory = Host.DataDirectory; });
        var result = await client.QueryAsync(NewOrder(), Ct);
        Assert.Equal("40002", result.Error?.Code);
        Assert.Equal(AlipaySubCodes.InvalidSignature, result.Error?.SubCode);
    }

    [Fact]
    public async Task Request_for_another_app_id_is_refused()
    {
        var result = await Host.Client(o => o.AppId = "2021000000000000").QueryAsync(NewOrder(), Ct);
        Assert.Equal("40002", result.Error?.Code);
        Assert.Equal(AlipaySubCodes.InvalidAppId, result.Error?.SubCode);
    }

    [Fact]
    public async Task Answer_that_does_not_verify_with_the_configured_alipay_key_throws()
    {
        using var impostor = RSA.Create(2048);
        var client = Host.Client(o => o.AlipayPublicKey = impostor.ExportSubjectPublicKeyInfoPem());
        await Assert.ThrowsAsync<AlipaySignatureException>(() => client.QueryAsync(NewOrder(), Ct));
    }

    [Fact]
    public async Task Every_answer_is_signed_over_the_exact_node_text()
    {
        using var response = await Host.Http.GetAsync(new Uri("/gateway.do?method=alipay.trade.nope", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(ResponseEnvelope.TryParse(body, "x", out var envelope));
        Assert.Equal(ResponseEnvelope.ErrorNode, envelope!.NodeName);
        using var alipay = AlipayKeys.LoadPublicKey(File.ReadAllText(Path.Combine(Host.DataDirectory, "alipay_public_key.pem")));
        Assert.True(AlipaySigner.Verify(envelope.NodeJson, envelope.Sign, alipay));
        using var node = JsonDocument.Parse(envelope.NodeJson);
        Assert.Equal(AlipaySubCodes.InvalidMethod, node.RootElement.GetProperty("sub_code").GetString());
    }

    [Theory]
    [InlineData("", "isv.missing-method")]
    [InlineData("?method=alipay.trade.query", "isv.missing-app-id")]
    [InlineData("?method=alipay.trade.query&app_id={app}", "isv.missing-signature-type")]
    [InlineData("?method=alipay.trade.query&app_id={app}&sign_type=RSA", "isv.invalid-signature-type")]
    [InlineData("?method=alipay.trade.query&app_id={app}&sign_type=RSA2", "isv.missing-signature")]
    [InlineData("?method=alipay.trade.query&app_id={app}&sign_type=RSA2&sign=abc&timestamp=now&version=1.0", "isv.invalid-timestamp")]
    [InlineData("?method=alipay.trade.query&app_id={app}&sign_type=RSA2&sign=abc&timestamp=2026-11-25%2010:00:00&version=1.0", "isv.invalid-signature")]
    [InlineData("?method=alipay.trade.query&method=alipay.trade.close", "isv.invalid-parameter")]
    public async Task Malformed_requests_get_alipay_error_codes_never_a_crash(string query, string subCode)
    {
        using var response = await Host.Http.PostAsync(new Uri("/gateway.do" + query.Replace("{app}", Host.AppId, StringComparison.Ordinal), UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var node = json.EnumerateObject().First(p => p.Name.EndsWith("_response", StringComparison.Ordinal)).Value;
        Assert.Equal(subCode, node.GetProperty("sub_code").GetString());
        Assert.StartsWith("400", node.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.True(json.TryGetProperty("sign", out _));
    }

    [Fact]
    public async Task Page_pay_that_changes_the_amount_of_an_open_trade_is_refused()
    {
        var order = NewOrder();
        await OpenAsync(order, 10m);
        var url = Host.Client().BuildPagePayUrl(new PagePayRequest(order, 11m, "游戏点卡"));
        using var page = await Host.Http.GetAsync(new Uri(url), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(AlipaySubCodes.ContextInconsistent, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paying_from_the_page_redirects_to_a_signed_return_url()
    {
        var order = NewOrder();
        var url = Host.Client(o => o.ReturnUrl = "https://shop.example/return").BuildPagePayUrl(new PagePayRequest(order, 5m, "x"));
        (await Host.Http.GetAsync(new Uri(url), Ct)).Dispose();
        using var form = new FormUrlEncodedContent([new("from", "page"), new("buyer_logon_id", "tester@example.com")]);
        using var response = await Host.Http.PostAsync(new Uri($"/sandbox/trades/{order}/pay", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("https://shop.example/return?", location.ToString(), StringComparison.Ordinal);
        var p = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        using var alipay = AlipayKeys.LoadPublicKey(File.ReadAllText(Path.Combine(Host.DataDirectory, "alipay_public_key.pem")));
        Assert.True(AlipaySigner.Verify(AlipaySignContent.ForNotification(p!), p["sign"], alipay));
        Assert.Equal("5.00", p["total_amount"]);
    }

    [Fact]
    public async Task Expired_trade_is_closed_when_next_touched()
    {
        var order = NewOrder();
        var url = Host.Client().BuildPagePayUrl(new PagePayRequest(order, 5m, "x") { TimeExpire = DateTimeOffset.UtcNow.AddSeconds(1) });
        (await Host.Http.GetAsync(new Uri(url), Ct)).Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);

        Assert.Equal(TradeStatus.TradeClosed, (await Host.Client().QueryAsync(order, Ct)).Value!.TradeStatus);
    }
}
