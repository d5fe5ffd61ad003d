using System.Text;

namespace Marketplace.Alipay.Signing;

/// <summary>
/// The string Alipay signs: parameters sorted by name (ordinal), empty or blank values and <c>sign</c> left out
/// (and <c>sign_type</c> too for async notifications), joined as <c>k=v</c> with <c>&amp;</c>, values raw (not URL-encoded).
/// </summary>
public static class AlipaySignContent
{
    public static string ForRequest(IEnumerable<KeyValuePair<string, string?>> parameters) =>
        Build(parameters, excludeSignType: false);

    public static string ForNotification(IEnumerable<KeyValuePair<string, string?>> parameters) =>
        Build(parameters, excludeSignType: true);

    private static string Build(IEnumerable<KeyValuePair<string, string?>> parameters, bool excludeSignType)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var kept = parameters
            .Where(p => !IsBlank(p.Value) && p.Key != "sign" && !(excludeSignType && p.Key == "sign_type"))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var (key, value) in kept)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }
            sb.Append(key).Append('=').Append(value);
        }
        return sb.ToString();
    }

    /// <summary>Alipay's SDKs skip null, empty and whitespace-only values, whitespace as Java's Character.isWhitespace defines it.</summary>
    public static bool IsBlank(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        foreach (var c in value)
        {
            var javaWhitespace = c is '\u001C' or '\u001D' or '\u001E' or '\u001F' ||
                (char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u2007' and not '\u202F' and not '\u0085');
            if (!javaWhitespace)
            {
                return false;
            }
        }
        return true;
    }
}
