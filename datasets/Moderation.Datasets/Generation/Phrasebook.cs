using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Taxonomy;

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
    // Everyday insults (not the profanity lexicon's words): what abusive reviews of a seller mostly use.
    [property: JsonPropertyName("insults")] IReadOnlyList<string> Insults,
    [property: JsonPropertyName("benign")] IReadOnlyList<string> Benign,
    [property: JsonPropertyName(Categories.Scam)] IReadOnlyList<string> Scam,
    [property: JsonPropertyName(Categories.Spam)] IReadOnlyList<string> Spam,
    [property: JsonPropertyName(Categories.PersonalInfo)] IReadOnlyList<string> PersonalInfo,
    [property: JsonPropertyName(Categories.Abuse)] IReadOnlyList<string> Abuse,
    [property: JsonPropertyName(Categories.Sexual)] IReadOnlyList<string> Sexual)
{
    public IReadOnlyList<string> Templates(string category) => category switch
    {
        "benign" => Benign,
        Categories.Scam => Scam,
        Categories.Spam => Spam,
        Categories.PersonalInfo => PersonalInfo,
        Categories.Abuse => Abuse,
        Categories.Sexual => Sexual,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
