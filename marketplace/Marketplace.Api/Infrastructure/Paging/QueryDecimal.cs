using System.Globalization;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Infrastructure.Paging;

/// <summary>
/// Reads a decimal query parameter that arrives as text (a price bound), so a bad value becomes a validation error
/// naming the parameter. Plain notation only: an exponent ("1e400") is refused rather than read as a huge number.
/// </summary>
public static class QueryDecimal
{
    /// <summary>Null when the parameter is absent; otherwise the value, or null with an error on <paramref name="field"/>.</summary>
    public static decimal? Read(string? text, string field, decimal min, decimal max, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(field, $"{field} must be a decimal number such as 12.50.");
            return null;
        }

        if (value < min || value > max)
        {
            errors.Add(field, $"{field} must be between {min} and {max}.");
            return null;
        }

        return value;
    }
}
