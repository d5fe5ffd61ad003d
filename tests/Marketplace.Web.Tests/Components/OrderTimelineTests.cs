using Bunit;
using Marketplace.Web.Api.Contracts;
using Marketplace.Web.Components.Shared;

namespace Marketplace.Web.Tests.Components;

public sealed class OrderTimelineTests
{
    [Fact]
    public void The_history_reads_oldest_first_in_words_whatever_order_it_came_in()
    {
        using var context = new BunitContext();
        var t0 = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        IReadOnlyList<OrderHistoryEntry> entries =
        [
            new("PAID", "SHIPPED", "seller", "shipped", t0.AddMinutes(9)),
            new(null, "PENDING_PAYMENT", "buyer", "created", t0),
            new("PENDING_PAYMENT", "PAID", "alipay", "payment notified", t0.AddMinutes(2)),
        ];
        var cut = context.Render<OrderTimeline>(p => p.Add(c => c.Entries, entries));
        Assert.Equal(["PENDING_PAYMENT", "PAID", "SHIPPED"], cut.FindAll("li").Select(li => li.GetAttribute("data-state")));
        Assert.Equal(["Waiting for payment", "Paid", "Shipped"], cut.FindAll(".state").Select(s => s.TextContent));
        Assert.Equal("2026-12-03T10:02:00.0000000+00:00", cut.FindAll("time")[1].GetAttribute("datetime"));
    }
}
