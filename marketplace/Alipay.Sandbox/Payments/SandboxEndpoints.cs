using Alipay.Sandbox.Keys;
using Alipay.Sandbox.Trades;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;

namespace Alipay.Sandbox.Payments;

/// <summary>
/// The sandbox's own API (not part of Alipay's protocol): pay a trade without the page, inspect a trade.
/// Errors are RFC 7807 problem details.
/// </summary>
public static class SandboxEndpoints
{
    private const string ProblemBase = "https://moderation.local/problems/alipay-sandbox/";

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/trades");
        group.MapPost("/{outTradeNo}/pay", PayAsync).DisableAntiforgery();
        group.MapGet("/{outTradeNo}", (string outTradeNo, TradeStore store) =>
            store.Read(trades => trades.TryGetValue(outTradeNo, out var t) ? Results.Ok(TradeView.Of(t)) : NotFound(outTradeNo)));
        app.MapGet("/sandbox/app", (SandboxKeys keys, SandboxDataDirectory dir) => Results.Ok(new { appId = keys.AppId, keyDirectory = dir.Path }));
        return app;
    }

    private static async Task<IResult> PayAsync(string outTradeNo, HttpRequest request, TradeLedger ledger, TradeStore store, SandboxKeys keys)
    {
        string? buyer = request.Query["buyer_logon_id"];
        var fromPage = false;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                return Problem(StatusCodes.Status400BadRequest, "malformed-form", "Malformed form", ex.Message);
            }
            buyer = form["buyer_logon_id"].FirstOrDefault() ?? buyer;
            fromPage = form["from"] == "page";
        }
        var (trade, refusal) = ledger.Pay(outTradeNo, buyer);
        if (refusal is { } why)
        {
            return why switch
            {
                PayRefusal.NotFound => NotFound(outTradeNo),
                PayRefusal.AlreadyPaid => Problem(StatusCodes.Status409Conflict, "already-paid", "Trade already paid", $"Trade {outTradeNo} is already paid."),
                _ => Problem(StatusCodes.Status409Conflict, "trade-closed", "Trade closed", $"Trade {outTradeNo} is closed (expired, closed by the merchant or refunded) and cannot be paid."),
            };
        }
        var view = store.Read(_ => TradeView.Of(trade!));
        if (!fromPage)
        {
            return Results.Ok(view);
        }
        return trade!.ReturnUrl is { } returnUrl ? Results.Redirect(ReturnUrl(trade, returnUrl, keys, ledger.SellerId)) : PayPage.RenderPaid(trade);
    }

    /// <summary>The synchronous return to the merchant's return_url, signed like a notification (sign, sign_type excluded).</summary>
    private static string ReturnUrl(SandboxTrade trade, string returnUrl, SandboxKeys keys, string sellerId)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["charset"] = "utf-8",
            ["out_trade_no"] = trade.OutTradeNo,
            ["method"] = "alipay.trade.page.pay.return",
            ["total_amount"] = AlipayMoney.ToText(trade.TotalAmount),
            ["trade_no"] = trade.TradeNo,
            ["auth_app_id"] = trade.AppId,
            ["version"] = "1.0",
            ["app_id"] = trade.AppId,
            ["sign_type"] = AlipaySigner.SignType,
            ["seller_id"] = sellerId,
            ["timestamp"] = AlipayTime.ToText(trade.PaidAt ?? trade.CreatedAt),
        };
        p["sign"] = AlipaySigner.Sign(AlipaySignContent.ForNotification(p!), keys.AlipayPrivateKey);
        var query = string.Join('&', p.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        return returnUrl + (returnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private static IResult NotFound(string outTradeNo) =>
        Problem(StatusCodes.Status404NotFound, "trade-not-found", "Trade not found", $"No trade with out_trade_no {outTradeNo}; open it with alipay.trade.page.pay first.");

    private static IResult Problem(int status, string type, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: ProblemBase + type);
}
