using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Moderation.Text;

/// <summary>
/// The one text normalisation shared by corpus building, tokenizer training and the inference service:
/// Unicode NFKC, zero-width and control characters removed, whitespace collapsed, user mentions → "@USER"
/// and links → "URL" (the placeholders the tweet corpora already use), so train and serve see the same text.
/// </summary>
public static partial class TextNormalizer
{
    public const string UserPlaceholder = "@USER";
    public const string UrlPlaceholder = "URL";

    /// <summary>Normalises text for the model. Idempotent: Normalize(Normalize(x)) == Normalize(x).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = StripInvisible(text.Normalize(NormalizationForm.FormKC));
        var placeholders = UrlPattern().Replace(stripped, UrlPlaceholder);
        placeholders = MentionPattern().Replace(placeholders, UserPlaceholder);
        return CollapseWhitespace(placeholders);
    }

    /// <summary>True for characters users insert to dodge filters or that carry no text: zero-width, BOM, soft hyphen, controls.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' or '\u034F'
        || (char.IsControl(c) && !char.IsWhiteSpace(c))
        || (c >= '\u2061' && c <= '\u2064');

    /// <summary>True when the text contains characters that <see cref="Normalize"/> removes as invisible.</summary>
    public static bool HasInvisible(string text) => text.Any(IsInvisible);

    private static string StripInvisible(string text)
    {
        if (!HasInvisible(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsInvisible(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    // A mention starts a token: "joe@mail.com" is an address, not a mention.
    [GeneratedRegex(@"(?<![\w.@])@\w+", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
