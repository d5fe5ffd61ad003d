using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Tests.Security;

/// <summary>
/// Turns a valid JSON body into a hostile one: a value of the wrong type, a huge number, deep nesting, a long
/// or NUL-bearing string, a lone surrogate, a missing or extra field, or damage to the document itself
/// (truncated, bytes that are not UTF-8, a bare scalar, nesting beyond any parser's depth).
/// </summary>
public static class JsonMutator
{
    private static readonly string[] HugeNumbers =
        ["1e308", "-1e308", "1e400", "9223372036854775808", "-2147483649", "2147483648", "0.00000000000000000000001", "-0", "1E+2147483648"];

    public static (byte[] Body, string What) Mutate(string json, Random random)
    {
        return random.Next(10) switch
        {
            < 6 => MutateValue(json, random),
            _ => MutateDocument(json, random),
        };
    }

    private static (byte[] Body, string What) MutateValue(string json, Random random)
    {
        if (Parse(json) is not JsonObject root || root.Count == 0)
        {
            return MutateDocument(json, random);
        }

        var targets = new List<(JsonObject Parent, string Key)>();
        Collect(root, targets);
        var (parent, key) = targets[random.Next(targets.Count)];
        string what;
        switch (random.Next(9))
        {
            case 0:
                parent[key] = parent[key] is JsonValue value && value.TryGetValue<string>(out _) ? JsonValue.Create(random.Next()) : JsonValue.Create("not-a-number");
                what = $"{key}: wrong type";
                break;
            case 1:
                parent[key] = new JsonArray(JsonValue.Create(1), new JsonObject());
                what = $"{key}: array";
                break;
            case 2:
                parent.Remove(key);
                what = $"{key}: missing";
                break;
            case 3:
                parent[key] = null;
                what = $"{key}: null";
                break;
            case 4:
                parent[key] = JsonValue.Create(new string('x', random.Next(1_000, 70_000)));
                what = $"{key}: long string";
                break;
            case 5:
                parent[key] = JsonValue.Create("a\u0000b");
                what = $"{key}: NUL";
                break;
            case 6:
                parent[$"extra{random.Next(100)}"] = JsonValue.Create("surplus");
                parent["__proto__"] = new JsonObject { ["admin"] = true };
                what = "extra fields";
                break;
            case 7:
                var depth = random.Next(20, 200);
                return (Splice(root, parent, key, new string('[', depth) + "1" + new string(']', depth)), $"{key}: nested {depth} deep");
            default:
                var huge = HugeNumbers[random.Next(HugeNumbers.Length)];
                return (Splice(root, parent, key, huge), $"{key}: {huge}");
        }

        return (Encoding.UTF8.GetBytes(root.ToJsonString()), what);
    }

    private static (byte[] Body, string What) MutateDocument(string json, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        switch (random.Next(8))
        {
            case 0:
                return (bytes[..random.Next(bytes.Length + 1)], "truncated");
            case 1:
                var broken = bytes.ToList();
                broken.InsertRange(broken.IndexOf((byte)'"') + 1, new byte[] { 0xC3, 0x28, 0xFF, 0xFE });
                return ([.. broken], "not UTF-8");
            case 2:
                return (Encoding.UTF8.GetBytes(json.Replace("\"", "\"\\ud800", StringComparison.Ordinal)), "lone surrogates");
            case 3:
                return (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "nested 5000 deep");
            case 4:
                return ("[1,2,3]"u8.ToArray(), "top-level array");
            case 5:
                return ("\"just a string\""u8.ToArray(), "top-level string");
            case 6:
                return ([], "empty body");
            default:
                var duplicated = json.Length > 2 ? json[..^1] + "," + json[1..] : json;
                return (Encoding.UTF8.GetBytes(duplicated), "duplicate keys");
        }
    }

    private static void Collect(JsonObject node, List<(JsonObject, string)> targets)
    {
        foreach (var (key, child) in node.ToList())
        {
            targets.Add((node, key));
            if (child is JsonObject inner && inner.Count > 0)
            {
                Collect(inner, targets);
            }
        }
    }

    /// <summary>Puts raw JSON text in place of one value: JsonNode would normalise a number or refuse the depth.</summary>
    private static byte[] Splice(JsonObject root, JsonObject parent, string key, string raw)
    {
        const string Placeholder = "@@SPLICE@@";
        parent[key] = JsonValue.Create(Placeholder);
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal));
    }

    /// <summary>The body as a tree, or null when an earlier change already broke it.</summary>
    private static JsonNode? Parse(string json)
    {
        try
        {
            // Duplicate keys (an earlier change) are refused here, not later when JsonObject fills lazily.
            return JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
