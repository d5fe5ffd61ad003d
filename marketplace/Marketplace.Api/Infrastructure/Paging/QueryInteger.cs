using System.Globalization;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Infrastructure.Paging;

/// <summary>
/// Reads an integer query parameter that arrives as text, so a bad value becomes a validation error
/// naming the parameter rather than a bare binding failure.
/// </summary>
public static class QueryInteger
{
    /// <summary>
    /// <paramref name="fallback"/> when the parameter is absent; otherwise the parsed value, or the
    /// fallback with an error on <paramref name="field"/> when the text is not an integer in
    /// [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static int Read(string? text, string field, int fallback, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        // Parsing as long first tells "too large" apart from "not a number" for the message.
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(field, $"{field} must be an integer.");
            return fallback;
        }

        if (value < min || value > max)
        {
            errors.Add(field, $"{field} must be between {min} and {max}.");
            return fallback;
        }

        return (int)value;
    }
}
