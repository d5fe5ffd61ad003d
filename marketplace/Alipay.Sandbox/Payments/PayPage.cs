using System.Net;
using Alipay.Sandbox.Gateway;
using Alipay.Sandbox.Trades;
using Marketplace.Alipay;
using Marketplace.Alipay.Trades;

namespace Alipay.Sandbox.Payments;

/// <summary>The cashier page page.pay leads to: the trade and a "Pay" button; errors shown as Alipay's error page does.</summary>
public static class PayPage
{
    public static IResult Render(SandboxTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        var action = "/sandbox/trades/" + Uri.EscapeDataString(trade.OutTradeNo) + "/pay";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Alipay sandbox: pay {{E(trade.OutTradeNo)}}</title>
            <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}dt{color:#666}button{font-size:1.2rem;padding:.5rem 2rem}</style></head>
            <body><h1>Alipay sandbox cashier</h1>
            <dl><dt>Subject</dt><dd>{{E(trade.Subject)}}</dd><dt>Amount</dt><dd>¥{{AlipayMoney.ToText(trade.TotalAmount)}}</dd>
            <dt>out_trade_no</dt><dd id="out_trade_no">{{E(trade.OutTradeNo)}}</dd><dt>trade_no</dt><dd>{{trade.TradeNo}}</dd>
            <dt>Status</dt><dd id="trade_status">{{trade.Status.ToText()}}</dd></dl>
            <form method="post" action="{{E(action)}}"><input type="hidden" name="from" value="page">
            <label>Buyer account <input name="buyer_logon_id" value="buyer@sandbox.test"></label>
            <p><button type="submit">Pay</button></p></form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public static IResult RenderError(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Alipay sandbox: error</title></head>
            <body><h1>支付宝沙箱 / Alipay sandbox</h1><p>错误代码 <code id="code">{E(error.Code)}</code> <code id="sub_code">{E(error.SubCode)}</code></p>
            <p>{E(error.Msg)}: {E(error.SubMsg)}</p></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }

    public static IResult RenderPaid(SandboxTrade trade) =>
        Results.Content(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Paid</title></head><body><h1>Paid</h1><p id=\"trade_status\">{trade.Status.ToText()}</p></body></html>",
            "text/html; charset=utf-8");

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
