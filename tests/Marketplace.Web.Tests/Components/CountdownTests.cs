using Bunit;
using Marketplace.Web.Components.Shared;

namespace Marketplace.Web.Tests.Components;

public sealed class CountdownTests
{
    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(-30, "0:00:00")]
    [InlineData(59, "0:00:59")]
    [InlineData(3 * 3600 + 5 * 60 + 7, "3:05:07")]
    [InlineData(47 * 3600 + 59 * 60, "47:59:00")]
    [InlineData(3 * 86400 + 4 * 3600, "3 days 4h")]
    public void Time_left_reads_as_hours_minutes_seconds_or_days(int seconds, string expected) =>
        Assert.Equal(expected, Countdown.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_component_counts_from_the_moment_it_is_given()
    {
        using var context = new BunitContext();
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var cut = context.Render<Countdown>(p => p.Add(c => c.Until, now.AddMinutes(90)).Add(c => c.Now, now));
        Assert.Equal("1:30:00", cut.Find("[data-testid=countdown]").TextContent);
        cut.Render(p => p.Add(c => c.Now, now.AddMinutes(89).AddSeconds(59)));
        Assert.Equal("0:00:01", cut.Find("[data-testid=countdown]").TextContent);
    }
}
