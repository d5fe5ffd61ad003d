using System.Text.Json;
using Marketplace.Alipay.Signing;
using Marketplace.Alipay.Trades;
using Microsoft.Extensions.Options;

namespace Marketplace.Alipay;

/// <summary>
/// Open-platform calls for one app: the signed page.pay redirect URL, and trade query/close/refund over HTTP
/// with every answer's signature verified before it is believed.
/// </summary>
public sealed class AlipayClient
{
    public const string PagePayMethod = "alipay.trade.page.pay";
    public const string QueryMethod = "alipay.trade.query";
    public const string CloseMethod = "alipay.trade.close";
    public const string RefundMethod = "alipay.trade.refund";
    public const string ProductCode = "FAST_INSTANT_TRADE_PAY";

    private readonly HttpClient _http;
    private readonly AlipayKeyRing _keys;
    private readonly AlipayOptions _options;
    private readonly TimeProvider _time;

    public AlipayClient(HttpClient http, AlipayKeyRing keys, IOptions<AlipayOptions> options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _keys = keys;
        _options = options.Value;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The signed parameters of page.pay, for callers that prefer an auto-submitting form to a URL.</summary>
    public IReadOnlyDictionary<string, string> BuildPagePayParameters(PagePayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateOutTradeNo(request.OutTradeNo);
        if (!AlipayMoney.IsPayable(request.TotalAmount))
        {
            throw new ArgumentException("total_amount must be 0.01..100000000 with at most two decimals.", nameof(request));
        }
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 256 || request.Subject.IndexOfAny(['/', '=', '&']) >= 0)
        {
            throw new ArgumentException("subject must be 1..256 characters without '/', '=' or '&'.", nameof(request));
        }
        if (request.TimeoutExpress is not null && request.TimeExpire is not null)
        {
            throw new ArgumentException("Give timeout_express or time_expire, not both.", nameof(request));
        }
        if (request.TimeoutExpress is not null && !TimeoutExpress.IsValid(request.TimeoutExpress))
        {
            throw new ArgumentException("timeout_express must look like 90m, 2h or 1d (1m..15d).", nameof(request));
        }
        var timeoutExpress = request.TimeoutExpress ?? (request.TimeExpire is null ? _options.DefaultTimeoutExpress : null);
        var biz = BizContent.Write(
            ("out_trade_no", request.OutTradeNo),
            ("total_amount", AlipayMoney.ToText(request.TotalAmount)),
            ("subject", request.Subject),
            ("product_code", ProductCode),
            ("body", request.Body),
            ("timeout_express", timeoutExpress),
            ("time_expire", request.TimeExpire is { } at ? AlipayTime.ToText(at) : null),
            ("passback_params", request.PassbackParams is null ? null : Uri.EscapeDataString(request.PassbackParams)));
        var parameters = CommonParameters(PagePayMethod, biz);
        Put(parameters, "notify_url", request.NotifyUrl ?? _options.NotifyUrl);
        Put(parameters, "return_url", request.ReturnUrl ?? _options.ReturnUrl);
        parameters["sign"] = AlipaySigner.Sign(AlipaySignContent.ForRequest(parameters!), _keys.AppPrivateKey);
        return parameters;
    }

    /// <summary>The gateway URL the buyer is redirected to (GET), every parameter URL-encoded and signed.</summary>
    public string BuildPagePayUrl(PagePayRequest request) =>
        _options.GatewayUrl + (_options.GatewayUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ToQuery(BuildPagePayParameters(request));

    public Task<AlipayResult<TradeQueryResponse>> QueryAsync(string outTradeNo, CancellationToken cancellationToken = default)
    {
        ValidateOutTradeNo(outTradeNo);
        return CallAsync(QueryMethod, BizContent.Write(("out_trade_no", outTradeNo)), ReadQuery, cancellationToken);
    }

    public Task<AlipayResult<TradeCloseResponse>> CloseAsync(string outTradeNo, CancellationToken cancellationToken = default)
    {
        ValidateOutTradeNo(outTradeNo);
        return CallAsync(CloseMethod, BizContent.Write(("out_trade_no", outTradeNo)), ReadClose, cancellationToken);
    }

    public Task<AlipayResult<TradeRefundResponse>> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateOutTradeNo(request.OutTradeNo);
        if (!AlipayMoney.IsPayable(request.RefundAmount))
        {
            throw new ArgumentException("refund_amount must be 0.01..100000000 with at most two decimals.", nameof(request));
        }
        if (string.IsNullOrWhiteSpace(request.OutRequestNo) || request.OutRequestNo.Length > 64)
        {
            throw new ArgumentException("out_request_no must be 1..64 characters.", nameof(request));
        }
        var biz = BizContent.Write(
            ("out_trade_no", request.OutTradeNo),
            ("refund_amount", AlipayMoney.ToText(request.RefundAmount)),
            ("out_request_no", request.OutRequestNo),
            ("refund_reason", request.RefundReason));
        return CallAsync(RefundMethod, biz, ReadRefund, cancellationToken);
    }

    private async Task<AlipayResult<T>> CallAsync<T>(string method, string bizContent, Func<JsonElement, T> read, CancellationToken ct)
        where T : class
    {
        var system = CommonParameters(method, biz: null);
        var all = new Dictionary<string, string>(system, StringComparer.Ordinal) { ["biz_content"] = bizContent };
        system["sign"] = AlipaySigner.Sign(AlipaySignContent.ForRequest(all!), _keys.AppPrivateKey);
        // As Alipay's SDKs do: system parameters in the query string, business content in the form body.
        var url = _options.GatewayUrl + (_options.GatewayUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ToQuery(system);
        using var content = new FormUrlEncodedContent([new("biz_content", bizContent)]);
        content.Headers.ContentType!.CharSet = "utf-8";
        byte[] body;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_options.HttpTimeout);
            using var response = await _http.PostAsync(new Uri(url), content, cts.Token);
            body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new AlipayException($"{method}: gateway answered HTTP {(int)response.StatusCode}.");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new AlipayException($"{method}: gateway unreachable: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new AlipayException($"{method}: gateway timed out after {_options.HttpTimeout}.", ex);
        }
        return Interpret(method, body, read);
    }

    private AlipayResult<T> Interpret<T>(string method, byte[] body, Func<JsonElement, T> read)
        where T : class
    {
        if (!ResponseEnvelope.TryParse(body, ResponseEnvelope.NodeNameFor(method), out var envelope) || envelope is null)
        {
            throw new AlipayException($"{method}: the gateway's answer is not an Alipay response envelope.");
        }
        using var doc = JsonDocument.Parse(envelope.NodeJson);
        var node = doc.RootElement;
        var code = Text(node, "code") ?? "";
        if (envelope.Sign is not null || code == AlipayCodes.Success)
        {
            // Alipay may leave an error unsigned (e.g. when it cannot tell which app asked); a success never.
            if (!AlipaySigner.Verify(envelope.NodeJson, envelope.Sign, _keys.AlipayPublicKey))
            {
                throw new AlipaySignatureException($"{method}: the response signature does not verify with the Alipay public key.");
            }
        }
        if (code != AlipayCodes.Success)
        {
            return AlipayResult<T>.Failure(new AlipayError(code, Text(node, "msg") ?? AlipayCodes.MessageFor(code), Text(node, "sub_code"), Text(node, "sub_msg")));
        }
        try
        {
            return AlipayResult<T>.Success(read(node));
        }
        catch (FormatException ex)
        {
            throw new AlipayException($"{method}: malformed success response: {ex.Message}", ex);
        }
    }

    private static TradeQueryResponse ReadQuery(JsonElement n) => new(
        Required(n, "out_trade_no"),
        Required(n, "trade_no"),
        TradeStatusText.TryParse(Text(n, "trade_status"), out var s) ? s : throw new FormatException("unknown trade_status"),
        AlipayMoney.TryParse(Text(n, "total_amount"), out var total) ? total : throw new FormatException("bad total_amount"),
        Text(n, "buyer_logon_id"),
        AlipayMoney.ParseOrNull(Text(n, "buyer_pay_amount")),
        AlipayTime.ParseOrNull(Text(n, "send_pay_date")));

    private static TradeCloseResponse ReadClose(JsonElement n) => new(Required(n, "out_trade_no"), Text(n, "trade_no"));

    private static TradeRefundResponse ReadRefund(JsonElement n) => new(
        Required(n, "out_trade_no"),
        Required(n, "trade_no"),
        Text(n, "fund_change") == "Y",
        AlipayMoney.TryParse(Text(n, "refund_fee"), out var fee) ? fee : throw new FormatException("bad refund_fee"),
        Text(n, "buyer_logon_id"),
        AlipayTime.ParseOrNull(Text(n, "gmt_refund_pay")));

    private static string? Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string Required(JsonElement node, string name) =>
        Text(node, name) is { Length: > 0 } v ? v : throw new FormatException($"missing {name}");

    private Dictionary<string, string> CommonParameters(string method, string? biz)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_id"] = _keys.AppId,
            ["method"] = method,
            ["format"] = "JSON",
            ["charset"] = "utf-8",
            ["sign_type"] = AlipaySigner.SignType,
            ["timestamp"] = AlipayTime.ToText(_time.GetUtcNow()),
            ["version"] = "1.0",
        };
        Put(p, "biz_content", biz);
        return p;
    }

    private static void Put(Dictionary<string, string> p, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            p[key] = value;
        }
    }

    private static string ToQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static void ValidateOutTradeNo(string outTradeNo)
    {
        if (string.IsNullOrEmpty(outTradeNo) || outTradeNo.Length > 64 || !outTradeNo.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("out_trade_no must be 1..64 characters of letters, digits and '_'.", nameof(outTradeNo));
        }
    }
}
