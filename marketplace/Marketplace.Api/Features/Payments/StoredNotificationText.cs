using System.Text.Json;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// What a notification row may hold: no U+0000 (PostgreSQL text and jsonb refuse it; it becomes
/// U+FFFD, so the row still shows where it was) and no more than a configured length.
/// </summary>
public static class StoredNotificationText
{
    private const char Replacement = '\uFFFD';

    /// <summary>The fields as a JSON object, or, when longer than <paramref name="maxChars"/>, a marked prefix of it.</summary>
    public static string Fields(IReadOnlyDictionary<string, string> fields, int maxChars)
    {
        var json = JsonSerializer.Serialize(fields.ToDictionary(f => Clean(f.Key), f => Clean(f.Value), StringComparer.Ordinal));
        return json.Length <= maxChars
            ? json
            : JsonSerializer.Serialize(new { truncated = true, length = json.Length, prefix = json[..maxChars] });
    }

    /// <summary><paramref name="text"/> without NUL, cut to <paramref name="maxChars"/>.</summary>
    public static string? Text(string? text, int maxChars)
    {
        if (text is null)
        {
            return null;
        }

        var clean = Clean(text);
        return clean.Length > maxChars ? clean[..maxChars] : clean;
    }

    private static string Clean(string text) => text.Replace('\0', Replacement);
}
