namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// A LIKE/ILIKE pattern matching <c>text</c> anywhere, with the user's <c>%</c>, <c>_</c> and the escape character
/// itself escaped: a search for "100%" finds that text, not every title starting with "100".
/// </summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        "%" + text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal) + "%";
}
