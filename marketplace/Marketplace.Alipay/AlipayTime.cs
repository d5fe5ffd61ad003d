using System.Globalization;

namespace Marketplace.Alipay;

/// <summary>Alipay's wall-clock format: <c>yyyy-MM-dd HH:mm:ss</c> in China Standard Time (UTC+8, no DST).</summary>
public static class AlipayTime
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static string ToText(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
            return true;
        }
        instant = default;
        return false;
    }

    public static DateTimeOffset? ParseOrNull(string? text) => TryParse(text, out var v) ? v : null;
}
