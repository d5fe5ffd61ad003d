using System.Text.Json;
using Moderation.Datasets.Taxonomy;

namespace Moderation.Datasets.Generation;

/// <summary>
/// The `naughty-words` npm package: one JSON array of profanity/obscenity entries per language file
/// (`en.json`, `fil.json`, …). Entries are words and short phrases, not sentences, and are not split into
/// insult vs sexual terms.
/// </summary>
public sealed class ProfanityLexicon
{
    private readonly Dictionary<string, IReadOnlyList<string>> _words;

    private ProfanityLexicon(Dictionary<string, IReadOnlyList<string>> words) => _words = words;

    public IReadOnlyCollection<string> Languages => _words.Keys;

    public IReadOnlyList<string> Words(string lang) => _words.TryGetValue(lang, out var w) ? w : [];

    public static ProfanityLexicon Load(string packageDirectory, LanguageTable languages)
    {
        var words = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(packageDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name is "package" or "package-lock" or "bower" || name.Contains('-', StringComparison.Ordinal))
            {
                continue; // metadata files, and regional variants such as fr-CA-u-sd-caqc
            }

            var lang = languages.Resolve(name);
            if (lang is null)
            {
                continue; // e.g. tlh (Klingon)
            }

            var list = JsonSerializer.Deserialize<string[]>(File.ReadAllText(file)) ?? [];
            var usable = list
                .Select(w => w.Trim())
                .Where(w => w.Length is >= 2 and <= 24 && w.Count(c => c == ' ') <= 2 && w.Any(char.IsLetter))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (usable.Length > 0)
            {
                words[lang] = usable;
            }
        }

        return new ProfanityLexicon(words);
    }
}
