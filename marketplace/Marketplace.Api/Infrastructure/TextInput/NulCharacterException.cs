using System.Text.Json;

namespace Marketplace.Api.Infrastructure.TextInput;

/// <summary>
/// Thrown by <see cref="NulRejectingStringConverter"/>; the serializer fills <see cref="JsonException.Path"/>
/// with the offending field's JSON path, which the problem details then name.
/// </summary>
public sealed class NulCharacterException : JsonException
{
    public NulCharacterException()
        : base("A JSON string " + NulCharacter.Message)
    {
    }

    public NulCharacterException(string message)
        : base(message)
    {
    }

    public NulCharacterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The field as validation errors key it: the JSON path without its <c>$.</c> root.</summary>
    public string Field => Path switch
    {
        null or "$" => "$",
        ['$', '.', .. var rest] => rest,
        ['$', .. var rest] => rest,
        var other => other,
    };
}
