using System.Globalization;

namespace Marketplace.Alipay;

/// <summary>Amounts travel as decimal strings in yuan with exactly two places ("88.00").</summary>
public static class AlipayMoney
{
    /// <summary>The only currency the gateway charges in: every amount sent is read as yuan.</summary>
    public const string Currency = "CNY";

    public const decimal Min = 0.01m;
    public const decimal Max = 100_000_000m;

    public static string ToText(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Accepts at most two decimal places, no sign, no exponent, no group separators.</summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && text.Length - dot - 1 > 2)
        {
            return false;
        }
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    public static decimal? ParseOrNull(string? text) => TryParse(text, out var v) ? v : null;

    public static bool IsPayable(decimal amount) => amount >= Min && amount <= Max && decimal.Round(amount, 2) == amount;
}
