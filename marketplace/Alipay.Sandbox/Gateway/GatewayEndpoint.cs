using Alipay.Sandbox.Keys;
using Alipay.Sandbox.Payments;
using Alipay.Sandbox.Trades;
using Marketplace.Alipay;

namespace Alipay.Sandbox.Gateway;

/// <summary><c>GET|POST /gateway.do</c>: one URL for every method, as Alipay's gateway.</summary>
public static partial class GatewayEndpoint
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal)
    {
        AlipayClient.PagePayMethod, AlipayClient.QueryMethod, AlipayClient.CloseMethod, AlipayClient.RefundMethod,
    };

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/gateway.do", [HttpMethods.Get, HttpMethods.Post], HandleAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, SandboxKeys keys, TradeLedger ledger, GatewayReply reply, ILoggerFactory loggers)
    {
        var (parameters, readError) = await GatewayRequest.ReadParametersAsync(http.Request);
        var method = parameters?.GetValueOrDefault("method");
        var isPage = method == AlipayClient.PagePayMethod;
        if (readError is not null || parameters is null)
        {
            return Fail(readError!);
        }
        if (string.IsNullOrEmpty(method))
        {
            return reply.Failure(ResponseEnvelope.ErrorNode, GatewayError.Missing(AlipaySubCodes.MissingMethod, "缺少方法名参数"));
        }
        if (!Methods.Contains(method))
        {
            return reply.Failure(ResponseEnvelope.ErrorNode, GatewayError.Invalid(AlipaySubCodes.InvalidMethod, "不存在的方法名"));
        }
        var (request, error) = GatewayRequest.Validate(method, parameters, keys);
        if (request is null)
        {
            return Fail(error!);
        }
        try
        {
            switch (method)
            {
                case AlipayClient.PagePayMethod:
                    var (trade, openError) = ledger.OpenForPagePay(request);
                    return trade is null ? Fail(openError!) : PayPage.Render(trade);
                case AlipayClient.QueryMethod:
                    return Answer(ledger.Query(request));
                case AlipayClient.CloseMethod:
                    return Answer(ledger.Close(request));
                default:
                    return Answer(ledger.Refund(request));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.Failed(loggers.CreateLogger(typeof(GatewayEndpoint)), ex, method);
            return Fail(new GatewayError(AlipayCodes.ServiceUnavailable, "isp.unknow-error", "系统繁忙"));
        }

        IResult Answer((Dictionary<string, string>? Fields, GatewayError? Error) outcome) =>
            outcome.Fields is { } fields ? reply.Success(ResponseEnvelope.NodeNameFor(method), fields) : Fail(outcome.Error!);

        IResult Fail(GatewayError e) => isPage
            ? PayPage.RenderError(e)
            : reply.Failure(method is not null && Methods.Contains(method) ? ResponseEnvelope.NodeNameFor(method) : ResponseEnvelope.ErrorNode, e);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Gateway call {Method} failed")]
        public static partial void Failed(ILogger logger, Exception ex, string method);
    }
}
