using System.Globalization;
using System.Text;
using Moderation.Text;

namespace Moderation.Datasets.Cleaning;

/// <summary>Normalises a raw row and applies the length and content bounds; returns the reason when it drops one.</summary>
public sealed class TextCleaner(int minChars, int maxChars)
{
    public const string InvalidEncoding = "invalid encoding";
    public const string TooShort = "too short";
    public const string TooLong = "too long";
    public const string NoContent = "no text content (symbols, placeholders or ASCII art)";

    public (string? Text, string? DropReason) Clean(string raw)
    {
        if (raw.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return (null, InvalidEncoding);
        }

        var text = TextNormalizer.Normalize(raw);
        var length = new StringInfo(text).LengthInTextElements;
        if (length < minChars)
        {
            return (null, TooShort);
        }

        if (length > maxChars)
        {
            return (null, TooLong);
        }

        var content = text.Replace(TextNormalizer.UserPlaceholder, "", StringComparison.Ordinal)
            .Replace(TextNormalizer.UrlPlaceholder, "", StringComparison.Ordinal);
        var letters = content.Count(char.IsLetter);
        var visible = content.Count(c => !char.IsWhiteSpace(c));
        if (letters < 2 || letters < visible * 0.4)
        {
            return (null, NoContent);
        }

        return (text, null);
    }

    /// <summary>The key two rows share when they are exact duplicates: case-folded letters and digits only.</summary>
    public static string MatchKey(string normalized)
    {
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd();
    }
}
