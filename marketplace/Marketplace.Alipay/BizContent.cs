using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marketplace.Alipay;

/// <summary>Writes <c>biz_content</c>: a flat JSON object of the non-null fields, non-ASCII kept as is.</summary>
public static class BizContent
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(params (string Name, string? Value)[] fields)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                map[name] = value;
            }
        }
        return JsonSerializer.Serialize(map, Json);
    }

    public static JsonSerializerOptions SerializerOptions => Json;
}
