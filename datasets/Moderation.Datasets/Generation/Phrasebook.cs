using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Datasets.Generation;

/// <summary>Templates and slot values for generated marketplace reviews (Generation/phrasebook.json, written for this project).</summary>
public sealed record Phrasebook(
    [property: JsonPropertyName("shared")] SharedSlots Shared,
    [property: JsonPropertyName("languages")] IReadOnlyDictionary<string, LanguagePhrases> Languages)
{
    public static Phrasebook Default { get; } = Load();

    private static Phrasebook Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("phrasebook.json")
            ?? throw new InvalidOperationException("phrasebook.json resource missing");
        return JsonSerializer.Deserialize<Phrasebook>(stream) ?? throw new InvalidOperationException("empty phrasebook");
    }
}

public sealed record SharedSlots(
    [property: JsonPropertyName("games")] IReadOnlyList<string> Games,
    [property: JsonPropertyName("platforms")] IReadOnlyList<string> Platforms,
    [property: JsonPropertyName("domains")] IReadOnlyList<string> Domains,
    [property: JsonPropertyName("mails")] IReadOnlyList<string> Mails,
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names);

public sealed record LanguagePhrases(
    [property: JsonPropertyName("phone")] IReadOnlyList<string> Phone,
    [property: JsonPropertyName("streets")] IReadOnlyList<string> Streets,
    [property: JsonPropertyName("items")] IReadOnlyList<string> Items,
    [property: JsonPropertyName("benign")] IReadOnlyList<string> Benign,
    [property: JsonPropertyName("scam")] IReadOnlyList<string> Scam,
    [property: JsonPropertyName("spam")] IReadOnlyList<string> Spam,
    [property: JsonPropertyName("personal_info")] IReadOnlyList<string> PersonalInfo,
    [property: JsonPropertyName("abuse")] IReadOnlyList<string> Abuse,
    [property: JsonPropertyName("sexual")] IReadOnlyList<string> Sexual)
{
    public IReadOnlyList<string> Templates(string category) => category switch
    {
        "benign" => Benign,
        "scam" => Scam,
        "spam" => Spam,
        "personal_info" => PersonalInfo,
        "abuse" => Abuse,
        "sexual" => Sexual,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
