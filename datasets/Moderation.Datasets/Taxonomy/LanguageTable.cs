using System.Collections.Frozen;
using System.Reflection;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Taxonomy;

/// <summary>
/// The checked-in language → family table (Taxonomy/languages.tsv). Codes are ISO 639-1, or 639-3 where
/// a language has no 639-1 code; 639-2/3 aliases and region/script suffixes resolve to the same entry.
/// </summary>
public sealed class LanguageTable
{
    private readonly FrozenDictionary<string, Language> _byCode;
    private readonly FrozenDictionary<string, string> _aliases;

    public static LanguageTable Default { get; } = Load();

    public IReadOnlyList<Language> Languages { get; }

    private LanguageTable(List<Language> languages, Dictionary<string, string> aliases)
    {
        Languages = languages;
        _byCode = languages.ToFrozenDictionary(l => l.Code, StringComparer.Ordinal);
        _aliases = aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Resolves a language tag ("pt-BR", "cmn", "zh_Hant", "FIL") to its table code, or null when unknown.</summary>
    public string? Resolve(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var lower = tag.Trim().ToLowerInvariant();
        var cut = lower.IndexOfAny(['-', '_']);
        var primary = cut > 0 ? lower[..cut] : lower;
        if (_byCode.ContainsKey(primary))
        {
            return primary;
        }

        return _aliases.TryGetValue(primary, out var code) ? code : null;
    }

    public bool TryGet(string code, out Language language) => _byCode.TryGetValue(code, out language!);

    public Language Get(string code) =>
        _byCode.TryGetValue(code, out var language) ? language : throw new KeyNotFoundException($"unknown language code '{code}'");

    private static LanguageTable Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("languages.tsv")
            ?? throw new InvalidOperationException("languages.tsv resource missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static LanguageTable Parse(string tsv)
    {
        var languages = new List<Language>();
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in tsv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cols = line.Split('\t');
            if (cols.Length < 4 || !Families.IsKnown(cols[2]))
            {
                throw new FormatException($"languages.tsv: bad row '{line}'");
            }

            languages.Add(new Language(cols[0], cols[1], cols[2], cols[3] == "yes"));
            if (cols.Length > 4)
            {
                foreach (var alias in cols[4].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!aliases.TryAdd(alias, cols[0]))
                    {
                        throw new FormatException($"languages.tsv: alias '{alias}' listed twice");
                    }
                }
            }
        }

        return new LanguageTable(languages, aliases);
    }
}
