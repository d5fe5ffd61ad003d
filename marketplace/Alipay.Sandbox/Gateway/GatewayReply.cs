using System.Text.Json;
using Alipay.Sandbox.Keys;
using Marketplace.Alipay;
using Marketplace.Alipay.Signing;

namespace Alipay.Sandbox.Gateway;

/// <summary>Writes <c>{"&lt;method&gt;_response":{...},"sign":"..."}</c>, the signature made over the node's exact text.</summary>
public sealed class GatewayReply(SandboxKeys keys)
{
    public IResult Success(string nodeName, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var node = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = AlipayCodes.Success,
            ["msg"] = AlipayCodes.MessageFor(AlipayCodes.Success),
        };
        foreach (var (k, v) in fields)
        {
            node[k] = v;
        }
        return Envelope(nodeName, node);
    }

    public IResult Failure(string nodeName, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Envelope(nodeName, new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = error.Code,
            ["msg"] = error.Msg,
            ["sub_code"] = error.SubCode,
            ["sub_msg"] = error.SubMsg,
        });
    }

    private IResult Envelope(string nodeName, SortedDictionary<string, string> node)
    {
        var nodeJson = JsonSerializer.Serialize(node, BizContent.SerializerOptions);
        var sign = AlipaySigner.Sign(nodeJson, keys.AlipayPrivateKey);
        var body = "{" + JsonSerializer.Serialize(nodeName, BizContent.SerializerOptions) + ":" + nodeJson + ",\"sign\":" + JsonSerializer.Serialize(sign, BizContent.SerializerOptions) + "}";
        return Results.Text(body, "application/json; charset=utf-8");
    }
}
