namespace Moderation.Taxonomy;

/// <summary>The inappropriate-content categories (multi-label); `inappropriate` means any of them.</summary>
public static class Categories
{
    public const string Abuse = "abuse";
    public const string Sexual = "sexual";
    public const string Scam = "scam";
    public const string Spam = "spam";
    public const string PersonalInfo = "personal_info";

    /// <summary>All category ids, in the fixed order used for label indices.</summary>
    public static readonly IReadOnlyList<string> All = [Abuse, Sexual, Scam, Spam, PersonalInfo];

    public static bool IsKnown(string category) => All.Contains(category, StringComparer.Ordinal);
}
