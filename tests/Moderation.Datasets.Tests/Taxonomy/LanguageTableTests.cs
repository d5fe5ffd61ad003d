using Moderation.Datasets.Taxonomy;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Tests.Taxonomy;

public class LanguageTableTests
{
    // The languages XLM-R was trained on (Conneau et al. 2020, CC-100), by ISO 639-1 code.
    private static readonly string[] XlmrLanguages =
    [
        "af", "am", "ar", "as", "az", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es", "et",
        "eu", "fa", "fi", "fr", "fy", "ga", "gd", "gl", "gu", "ha", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "jv",
        "ka", "kk", "km", "kn", "ko", "ku", "ky", "la", "lo", "lt", "lv", "mg", "mk", "ml", "mn", "mr", "ms", "my", "ne", "nl",
        "no", "om", "or", "pa", "pl", "ps", "pt", "ro", "ru", "sa", "sd", "si", "sk", "sl", "so", "sq", "sr", "su", "sv", "sw",
        "ta", "te", "th", "tl", "tr", "ug", "uk", "ur", "uz", "vi", "xh", "yi", "zh",
    ];

    [Fact]
    public void Every_xlmr_language_maps_to_exactly_one_known_family()
    {
        var table = LanguageTable.Default;
        foreach (var code in XlmrLanguages)
        {
            Assert.True(table.TryGet(code, out var language), $"{code} missing from the language table");
            Assert.True(Families.IsKnown(language.Family), $"{code} has unknown family {language.Family}");
            Assert.True(language.InXlmr, $"{code} should be marked as an XLM-R language");
        }

        Assert.Equal(XlmrLanguages.Length, table.Languages.Count(l => l.InXlmr));
        Assert.Equal(table.Languages.Count, table.Languages.Select(l => l.Code).Distinct().Count());
    }

    [Fact]
    public void Family_ids_are_the_contract()
    {
        Assert.Equal(25, Families.All.Count);
        Assert.Equal(Families.All.Count, Families.All.Distinct().Count());
        Assert.Equal(["abuse", "sexual", "scam", "spam", "personal_info"], Categories.All);
        Assert.All(LanguageTable.Default.Languages, l => Assert.Contains(l.Family, Families.All));
    }

    [Theory]
    [InlineData("en", "en", "germanic")]
    [InlineData("cmn", "zh", "sino_tibetan")]
    [InlineData("pt-BR", "pt", "romance")]
    [InlineData("zh_Hant", "zh", "sino_tibetan")]
    [InlineData("FIL", "tl", "austronesian")]
    [InlineData("nb", "no", "germanic")]
    [InlineData("eo", "eo", "constructed")]
    [InlineData("eus", "eu", "basque")]
    [InlineData("kat", "ka", "kartvelian")]
    [InlineData("la", "la", "romance")]
    [InlineData("ceb", "ceb", "austronesian")]
    public void Resolves_tags_and_639_3_codes(string tag, string code, string family)
    {
        var table = LanguageTable.Default;
        Assert.Equal(code, table.Resolve(tag));
        Assert.Equal(family, table.Get(code).Family);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("tlh")]
    [InlineData("")]
    [InlineData("English")]
    public void Unknown_tags_resolve_to_null(string tag) => Assert.Null(LanguageTable.Default.Resolve(tag));

    [Fact]
    public void A_table_row_with_an_unknown_family_is_rejected() =>
        Assert.Throws<FormatException>(() => LanguageTable.Parse("xx\tSomething\tmartian\tno\t\n"));
}
