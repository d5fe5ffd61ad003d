using Moderation.Datasets.Generation;
using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Tests.Generation;

public class ReviewGeneratorTests
{
    private static ProfanityLexicon Lexicon(params string[] without)
    {
        var dir = TestPaths.TempDirectory();
        foreach (var lang in Phrasebook.Default.Languages.Keys.Except(without))
        {
            File.WriteAllText(Path.Combine(dir, lang + ".json"), $"[\"badword{lang}\", \"worse {lang}\"]");
        }

        File.WriteAllText(Path.Combine(dir, "package.json"), "{}");
        return ProfanityLexicon.Load(dir, LanguageTable.Default);
    }

    private static List<SourceRecord> Generate(int perLanguage = 30, params string[] withoutLexicon) =>
        [.. new ReviewGenerator(Phrasebook.Default, Lexicon(withoutLexicon)).Read(new SourceSpec { Id = "synthetic", Kind = "generator", PerLanguage = perLanguage }, new MalformedCounter())];

    [Fact]
    public void Covers_at_least_12_languages_across_8_families_with_every_category()
    {
        var rows = Generate();
        var languages = rows.Select(r => r.Lang).Distinct().ToList();
        Assert.True(languages.Count >= 12, $"{languages.Count} languages");
        Assert.True(languages.Select(l => LanguageTable.Default.Get(l).Family).Distinct().Count() >= 8);
        foreach (var lang in languages)
        {
            var labels = rows.Where(r => r.Lang == lang).SelectMany(r => r.Labels).ToHashSet();
            Assert.Superset(Categories.All.ToHashSet(), labels);
            Assert.Contains(rows, r => r.Lang == lang && r.Labels.Count == 0);
        }
    }

    [Fact]
    public void Is_deterministic()
    {
        Assert.Equal(Generate().Select(r => r.Text), Generate().Select(r => r.Text));
    }

    [Fact]
    public void Fills_every_slot_and_applies_evasions_that_keep_the_original()
    {
        var rows = Generate();
        Assert.DoesNotContain(rows, r => r.Text.Contains('{', StringComparison.Ordinal) && r.Text.Contains('}', StringComparison.Ordinal));
        var evasive = rows.Where(r => r.Original is not null).ToList();
        Assert.InRange(evasive.Count, rows.Count(r => r.Labels.Count > 0) / 5, rows.Count(r => r.Labels.Count > 0) / 2);
        Assert.All(evasive, r => Assert.NotEmpty(r.Labels));
        Assert.Contains(evasive, r => r.Original!.Contains('\u200B', StringComparison.Ordinal) && !TextNormalizer.Normalize(r.Original).Contains('\u200B', StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Labels.Contains("personal_info") && r.Labels.Contains("scam"));
    }

    [Fact]
    public void Every_language_has_abuse_built_on_everyday_insults_not_only_the_lexicon()
    {
        var rows = Generate(perLanguage: 80);
        foreach (var (lang, phrases) in Phrasebook.Default.Languages)
        {
            Assert.NotEmpty(phrases.Insults);
            var abusive = rows.Where(r => r.Lang == lang && r.Labels.Contains(Categories.Abuse)).ToList();
            Assert.Equal(80 * ReviewGenerator.AbusePerKind, abusive.Count);
            // The fake lexicon's entries all contain "badword" or "worse"; a row with neither was built on an insult.
            var insultOnly = abusive.Count(r => !r.Text.Contains("badword", StringComparison.Ordinal) && !r.Text.Contains("worse", StringComparison.Ordinal)
                && phrases.Insults.Any(i => r.Text.Contains(i, StringComparison.Ordinal)));
            Assert.True(insultOnly >= abusive.Count / 3, $"{lang}: {insultOnly} of {abusive.Count} abusive rows use an everyday insult");
            Assert.DoesNotContain(rows, r => r.Lang == lang && r.Labels.Count == 0 && phrases.Insults.Any(i => r.Text.Contains(i, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_language_without_a_lexicon_keeps_its_abuse_from_everyday_insults()
    {
        var rows = Generate(80, "vi");
        var abusive = rows.Where(r => r.Lang == "vi" && r.Labels.Contains(Categories.Abuse)).ToList();
        Assert.Equal(80 * ReviewGenerator.AbusePerKind, abusive.Count);
        Assert.All(abusive.Where(r => r.Original is null), r => Assert.Contains(Phrasebook.Default.Languages["vi"].Insults, i => r.Text.Contains(i, StringComparison.Ordinal)));
        Assert.DoesNotContain(rows, r => r.Text.Contains("badwordvi", StringComparison.Ordinal));
        // Other languages still draw on their lexicon.
        Assert.Contains(rows, r => r.Lang == "fr" && r.Text.Contains("badwordfr", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EvasionKind.Spacing, "Telegram", "T e l e g r a m")]
    [InlineData(EvasionKind.Dotted, "Line", "L.i.n.e")]
    [InlineData(EvasionKind.Leetspeak, "Signal", "51gn4l")]
    [InlineData(EvasionKind.Homoglyphs, "Skype", "Skуре")]
    [InlineData(EvasionKind.ZeroWidth, "ab", "a\u200Bb")]
    [InlineData(EvasionKind.FullWidth, "Kik1", "Ｋｉｋ１")]
    public void Evasions(EvasionKind kind, string term, string expected) => Assert.Equal(expected, Evasion.Apply(kind, term));
}
