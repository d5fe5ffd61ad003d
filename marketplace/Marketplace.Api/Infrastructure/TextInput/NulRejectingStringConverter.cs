using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Api.Infrastructure.TextInput;

/// <summary>
/// Every JSON string the API reads from a request body (any endpoint, any field, dictionary keys
/// too) goes through here and is refused if it holds U+0000. JSON can only carry NUL escaped
/// (<c>\u0000</c>), so unescaped strings skip the scan. Writing is the built-in behaviour (keys
/// fall back to the built-in converter, which applies any dictionary key policy).
/// </summary>
public sealed class NulRejectingStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(ref reader)!;

    private static string? Checked(ref Utf8JsonReader reader)
    {
        var text = reader.GetString();
        if (reader.ValueIsEscaped && NulCharacter.In(text))
        {
            throw new NulCharacterException();
        }

        return text;
    }
}
