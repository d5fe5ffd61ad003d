using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Api;

/// <summary>
/// Reads a JSON string that may escape an unpaired surrogate (<c>"\ud800"</c>), which System.Text.Json refuses but
/// browsers and other JSON writers emit when they cut text: such surrogates become U+FFFD and the text is scored.
/// </summary>
public sealed class LenientTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, got {reader.TokenType}");
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return TextEncoder.ReplaceUnpairedSurrogates(Unescape(Encoding.UTF8.GetString(raw)));
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // The reader has already validated the escapes; this only decodes them, keeping lone surrogates as chars.
    private static string Unescape(string escaped)
    {
        var sb = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                sb.Append(escaped[i]);
                continue;
            }

            var code = escaped[++i];
            switch (code)
            {
                case 'u':
                    sb.Append((char)int.Parse(escaped.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                default: sb.Append(code); break;
            }
        }

        return sb.ToString();
    }
}
