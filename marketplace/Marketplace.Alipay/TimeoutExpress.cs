using System.Globalization;

namespace Marketplace.Alipay;

/// <summary>Alipay's relative payment timeout: a number with unit m (minutes), h (hours) or d (days), 1m..15d.</summary>
public static class TimeoutExpress
{
    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        if (string.IsNullOrEmpty(text) || text.Length < 2 ||
            !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }
        span = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.Zero,
        };
        return span >= TimeSpan.FromMinutes(1) && span <= TimeSpan.FromDays(15);
    }

    public static bool IsValid(string? text) => TryParse(text, out _);
}
