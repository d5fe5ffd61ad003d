using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using Moderation.Datasets.Sources;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Generation;

/// <summary>
/// Generates marketplace reviews from the phrasebook: benign reviews of sellers and items, and scam, spam,
/// personal-info, abusive and sexual ones (built around `naughty-words` lexicon entries, and for abuse also around the
/// phrasebook's everyday insults and threats, with complaints among the benign reviews so that anger alone is not abuse).
/// A share of inappropriate rows carries an evasion on its key term. Output is seeded and deterministic.
/// </summary>
public sealed partial class ReviewGenerator(Phrasebook phrasebook, ProfanityLexicon lexicon) : ISourceAdapter
{
    // The phrasebook's benign reviews, then the taxonomy's categories in generation order (the order fixes the seeded output).
    public static readonly IReadOnlyList<string> Kinds = ["benign", Categories.Scam, Categories.Spam, Categories.PersonalInfo, Categories.Abuse, Categories.Sexual];

    /// <summary>Clean reviews generated per language for each inappropriate kind's <c>perLanguage</c> rows.</summary>
    public const int BenignPerKind = 3;

    /// <summary>Abusive reviews generated per language for each <c>perLanguage</c>: twice the other kinds, because abuse has the
    /// most templates and insults to cover and is what buyers write most.</summary>
    public const int AbusePerKind = 2;

    /// <summary>Share of inappropriate rows whose key term gets an evasion.</summary>
    public const double EvasionRate = 0.35;

    public IEnumerable<SourceRecord> Read(SourceSpec spec, MalformedCounter malformed)
    {
        var perLanguage = spec.PerLanguage ?? 80;
        var languages = spec.Languages is { Count: > 0 } only ? only : [.. phrasebook.Languages.Keys.Order(StringComparer.Ordinal)];
        foreach (var lang in languages)
        {
            if (!phrasebook.Languages.TryGetValue(lang, out var phrases))
            {
                throw new BuildException($"source '{spec.Id}': the phrasebook has no language '{lang}'");
            }

            foreach (var kind in Kinds)
            {
                var words = lexicon.Words(lang);
                // A language the lexicon lacks (Vietnamese) keeps the templates that need no lexicon entry.
                var templates = words.Count > 0 ? phrases.Templates(kind) : [.. phrases.Templates(kind).Where(t => !t.Contains("{word}", StringComparison.Ordinal))];
                if (templates.Count == 0)
                {
                    malformed.Add(spec.Id, $"no lexicon for {lang} and no {kind} template without one");
                    continue;
                }

                var random = new Random(Seed(lang, kind));
                // Clean reviews outnumber each inappropriate kind three to one (abuse three to two), as on a real marketplace, so
                // that the words every review shares ("seller", "code", "delivery") are not learned as signs of abuse.
                var count = kind switch
                {
                    "benign" => perLanguage * BenignPerKind,
                    Categories.Abuse => perLanguage * AbusePerKind,
                    _ => perLanguage,
                };
                for (var i = 0; i < count; i++)
                {
                    yield return Generate(lang, kind, templates, phrases, words, random, i);
                }
            }
        }
    }

    private SourceRecord Generate(string lang, string kind, IReadOnlyList<string> templates, LanguagePhrases phrases, IReadOnlyList<string> words, Random random, int index)
    {
        var template = templates[random.Next(templates.Count)];
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        if (kind != "benign")
        {
            labels.Add(kind);
        }

        EvasionKind? evasion = kind != "benign" && random.NextDouble() < EvasionRate
            ? (EvasionKind)random.Next(Enum.GetValues<EvasionKind>().Length)
            : null;
        var keySlot = KeySlot(template);
        var shared = phrasebook.Shared;
        var text = Slot().Replace(template, m =>
        {
            var slot = m.Groups[1].Value;
            var value = slot switch
            {
                "game" => Pick(shared.Games, random),
                "item" => Pick(phrases.Items, random),
                "platform" => Pick(shared.Platforms, random),
                "handle" => Handle(random),
                "url" => Pick(shared.Domains, random),
                "price" => (5 + random.Next(95)).ToString(CultureInfo.InvariantCulture),
                "phone" => Digits(Pick(phrases.Phone, random), random),
                "email" => $"{Pick(shared.Names, random)}{random.Next(10, 99)}@{Pick(shared.Mails, random)}",
                "address" => Pick(phrases.Streets, random),
                "name" => Pick(shared.Names, random),
                "word" => Pick(words, random),
                "insult" => Pick(phrases.Insults, random),
                _ => throw new InvalidOperationException($"phrasebook: unknown slot {{{slot}}} in '{template}'"),
            };
            if (slot is "phone" or "email" or "address")
            {
                labels.Add(Categories.PersonalInfo);
            }

            return evasion is { } e && slot == keySlot ? Evasion.Apply(e, value) : value;
        });

        var id = $"{lang}/{kind}/{index}" + (evasion is { } ev ? $"/{ev}" : "");
        return new SourceRecord(text, lang, [.. labels], id, evasion is null ? null : text);
    }

    // The term a user would disguise: the contact channel, the slur, the link, the number.
    private static string? KeySlot(string template)
    {
        foreach (var slot in (string[])["platform", "word", "insult", "url", "phone", "email", "handle"])
        {
            if (template.Contains("{" + slot + "}", StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return null;
    }

    private static string Pick(IReadOnlyList<string> values, Random random) => values[random.Next(values.Count)];

    private static string Handle(Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var sb = new StringBuilder("@");
        var length = 5 + random.Next(6);
        for (var i = 0; i < length; i++)
        {
            sb.Append(letters[random.Next(letters.Length)]);
        }

        sb.Append(random.Next(10, 999).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Digits(string pattern, Random random) =>
        new([.. pattern.Select(c => c == '#' ? (char)('0' + random.Next(10)) : c)]);

    private static int Seed(string lang, string kind) =>
        (int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"synthetic/{lang}/{kind}"));

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Slot();
}
