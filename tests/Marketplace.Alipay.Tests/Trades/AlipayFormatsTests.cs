using Marketplace.Alipay;
using Marketplace.Alipay.Trades;

namespace Marketplace.Tests.Payments.Alipay.Trades;

public sealed class AlipayFormatsTests
{
    [Theory]
    [InlineData("88.00", true, 88.00)]
    [InlineData("0.01", true, 0.01)]
    [InlineData("12", true, 12)]
    [InlineData("1.5", true, 1.5)]
    [InlineData("1.005", false, 0)]
    [InlineData("-1.00", false, 0)]
    [InlineData("1e3", false, 0)]
    [InlineData("1,000.00", false, 0)]
    [InlineData("", false, 0)]
    public void Money_parses_only_plain_two_place_decimals(string text, bool ok, double expected)
    {
        Assert.Equal(ok, AlipayMoney.TryParse(text, out var v));
        if (ok)
        {
            Assert.Equal((decimal)expected, v);
        }
    }

    [Fact]
    public void Time_round_trips_through_china_standard_time()
    {
        var instant = new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal("2027-01-01 04:00:00", AlipayTime.ToText(instant));
        Assert.True(AlipayTime.TryParse("2027-01-01 04:00:00", out var back));
        Assert.Equal(instant, back);
        Assert.False(AlipayTime.TryParse("2027-01-01T04:00:00", out _));
    }

    [Theory]
    [InlineData("WAIT_BUYER_PAY", TradeStatus.WaitBuyerPay)]
    [InlineData("TRADE_CLOSED", TradeStatus.TradeClosed)]
    [InlineData("TRADE_SUCCESS", TradeStatus.TradeSuccess)]
    [InlineData("TRADE_FINISHED", TradeStatus.TradeFinished)]
    public void Trade_status_round_trips(string text, TradeStatus status)
    {
        Assert.True(TradeStatusText.TryParse(text, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(text, status.ToText());
    }

    [Fact]
    public void Unknown_trade_status_is_not_guessed() => Assert.False(TradeStatusText.TryParse("trade_success", out _));
}
