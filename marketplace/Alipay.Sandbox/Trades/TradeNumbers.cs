using System.Globalization;
using System.Security.Cryptography;
using Marketplace.Alipay;

namespace Alipay.Sandbox.Trades;

/// <summary>Identifiers shaped like Alipay's: 28-digit trade_no (date + digits), 16-digit buyer ids, notify ids.</summary>
public static class TradeNumbers
{
    private static long _sequence = RandomNumberGenerator.GetInt32(0, 1_000_000);

    public static string NewTradeNo(DateTimeOffset now) =>
        now.ToOffset(AlipayTime.Offset).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "22001" +
        Interlocked.Increment(ref _sequence).ToString("D15", CultureInfo.InvariantCulture);

    public static string NewNotifyId() => "2026" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(14));

    public static string NewBuyerId() => "2088" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture) + "123";
}
