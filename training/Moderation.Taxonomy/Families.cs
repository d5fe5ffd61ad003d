namespace Moderation.Taxonomy;

/// <summary>The language-family label ids: the product's contract with training and inference.</summary>
public static class Families
{
    /// <summary>All family ids, in the fixed order used for label indices.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "germanic", "romance", "slavic", "baltic", "hellenic", "celtic", "indo_aryan", "iranian",
        "armenian", "albanian", "sino_tibetan", "japonic", "koreanic", "turkic", "mongolic",
        "afroasiatic", "uralic", "austronesian", "kra_dai", "austroasiatic", "dravidian", "kartvelian",
        "niger_congo", "basque", "constructed",
    ];

    public static bool IsKnown(string family) => All.Contains(family, StringComparer.Ordinal);
}
