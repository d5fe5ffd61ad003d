using System.Text.Json;
using Alipay.Sandbox.Keys;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;

namespace Alipay.Sandbox.Gateway;

/// <summary>
/// A gateway call after the common checks Alipay makes, in its order: method, app_id, sign_type, sign, charset,
/// format, timestamp, version, signature (with the app public key), then biz_content as a JSON object.
/// </summary>
public sealed record GatewayRequest(string Method, IReadOnlyDictionary<string, string> Parameters, JsonElement Biz)
{
    public string? Param(string name) => Parameters.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public string? BizText(string name) =>
        Biz.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    public static async Task<(Dictionary<string, string>? Parameters, GatewayError? Error)> ReadParametersAsync(HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>> { http.Query };
        if (http.HasFormContentType)
        {
            try
            {
                sources.Add(await http.ReadFormAsync(http.HttpContext.RequestAborted));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                return (null, GatewayError.Invalid(AlipaySubCodes.InvalidParameterIsv, "request body is not a valid form"));
            }
        }
        foreach (var source in sources)
        {
            foreach (var (key, values) in source)
            {
                if (values.Count != 1 || (all.TryGetValue(key, out var seen) && seen != values[0]))
                {
                    return (null, GatewayError.Invalid(AlipaySubCodes.InvalidParameterIsv, $"parameter {key} given more than once"));
                }
                all[key] = values[0] ?? "";
            }
        }
        return (all, null);
    }

    public static (GatewayRequest? Request, GatewayError? Error) Validate(string method, Dictionary<string, string> p, SandboxKeys keys)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(keys);
        string? Get(string k) => p.TryGetValue(k, out var v) && v.Length > 0 ? v : null;

        if (Get("app_id") is not { } appId) return (null, GatewayError.Missing(AlipaySubCodes.MissingAppId, "缺少AppID参数"));
        if (appId != keys.AppId) return (null, GatewayError.Invalid(AlipaySubCodes.InvalidAppId, "无效的AppID参数"));
        if (Get("sign_type") is not { } signType) return (null, GatewayError.Missing("isv.missing-signature-type", "缺少签名类型参数"));
        if (signType != AlipaySigner.SignType) return (null, GatewayError.Invalid(AlipaySubCodes.InvalidSignType, "无效的签名类型参数"));
        if (Get("sign") is not { } sign) return (null, GatewayError.Missing(AlipaySubCodes.MissingSignature, "缺少签名参数"));
        if (Get("charset") is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return (null, GatewayError.Invalid(AlipaySubCodes.InvalidCharset, "字符集不合法"));
        if (Get("format") is { } format && !format.Equals("JSON", StringComparison.OrdinalIgnoreCase))
            return (null, GatewayError.Invalid(AlipaySubCodes.InvalidFormat, "参数格式错误"));
        if (Get("timestamp") is not { } timestamp) return (null, GatewayError.Missing(AlipaySubCodes.MissingTimestamp, "缺少时间戳参数"));
        if (!AlipayTime.TryParse(timestamp, out _)) return (null, GatewayError.Invalid(AlipaySubCodes.InvalidTimestamp, "非法的时间戳参数"));
        if (Get("version") is null) return (null, GatewayError.Missing(AlipaySubCodes.MissingVersion, "缺少版本参数"));
        if (!AlipaySigner.Verify(AlipaySignContent.ForRequest(p!), sign, keys.AppPublicKey))
            return (null, GatewayError.Invalid(AlipaySubCodes.InvalidSignature, "验签出错"));
        if (Get("biz_content") is not { } bizText) return (null, GatewayError.Missing("isv.missing-biz-content", "缺少业务参数"));
        try
        {
            using var doc = JsonDocument.Parse(bizText);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, GatewayError.Invalid(AlipaySubCodes.InvalidParameterIsv, "biz_content 必须是 JSON 对象"));
            }
            return (new GatewayRequest(method, p, doc.RootElement.Clone()), null);
        }
        catch (JsonException)
        {
            return (null, GatewayError.Invalid(AlipaySubCodes.InvalidParameterIsv, "biz_content 不是合法的 JSON"));
        }
    }
}
