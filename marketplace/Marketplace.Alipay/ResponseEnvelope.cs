using System.Text;
using System.Text.Json;

namespace Marketplace.Alipay;

/// <summary>
/// Splits <c>{"alipay_trade_xxx_response": {...}, "sign": "..."}</c> keeping the node's exact JSON text,
/// because Alipay signs those bytes as sent, not a re-serialisation.
/// </summary>
public sealed record ResponseEnvelope(string NodeName, string NodeJson, string? Sign)
{
    public const string ErrorNode = "error_response";

    public static string NodeNameFor(string method) => method.Replace('.', '_') + "_response";

    /// <summary>Finds <paramref name="nodeName"/> (or <c>error_response</c>) at the top level; false when absent or not JSON.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, string nodeName, out ResponseEnvelope? envelope)
    {
        envelope = null;
        string? node = null, nodeFound = null, sign = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if ((name == nodeName || name == ErrorNode) && reader.TokenType == JsonTokenType.StartObject && node is null)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var end = (int)reader.BytesConsumed;
                    node = Encoding.UTF8.GetString(utf8[start..end]);
                    nodeFound = name;
                }
                else if (name == "sign" && reader.TokenType == JsonTokenType.String)
                {
                    sign = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        if (node is null || nodeFound is null)
        {
            return false;
        }
        envelope = new ResponseEnvelope(nodeFound, node, sign);
        return true;
    }
}
