using System.Diagnostics;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Observability;

/// <summary>A purchase is one trace: the HTTP request, the Kafka send, the consumer's processing and its SQL.</summary>
public sealed class TracingTests(TracingApiFactory api) : IClassFixture<TracingApiFactory>
{
    [Fact]
    public async Task A_flash_purchase_request_its_message_the_consumer_and_the_consumers_sql_share_one_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 3);
        var buyer = await api.NewBuyerAsync();
        var reservationId = await FlashSaleApi.AcceptedReservationAsync(
            await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, ct));
        await SaleLedger.WaitForAsync(api, saleId, l => l.Orders.Count == 1, TimeSpan.FromSeconds(60));

        var path = $"/api/flash-sales/{saleId}/purchase";
        var request = await api.WaitForSpanAsync(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == path);
        var trace = request.TraceId;
        var consumer = await api.WaitForSpanAsync(s => s.TraceId == trace && s.Kind == ActivityKind.Consumer);
        var spans = api.Spans.Where(s => s.TraceId == trace).ToList();

        var send = Assert.Single(spans, s => s.Kind == ActivityKind.Producer);
        Assert.Equal(request.SpanId, send.ParentSpanId);
        Assert.Equal(send.SpanId, consumer.ParentSpanId);
        Assert.Equal("kafka", send.GetTagItem("messaging.system"));
        Assert.Equal(send.GetTagItem("messaging.destination.name"), consumer.GetTagItem("messaging.destination.name"));

        // The consumer's SQL (the conditional stock update, the order insert) sits under the consumer span.
        var sql = spans.Where(s => s.Source.Name == "Npgsql" && Descends(s, consumer, spans)).ToList();
        Assert.NotEmpty(sql);
        Assert.Contains(sql, s => (s.DisplayName + " " + s.GetTagItem("db.query.text") + s.GetTagItem("db.statement")).Contains("orders", StringComparison.OrdinalIgnoreCase));
        Assert.NotEqual(Guid.Empty, reservationId);
    }

    private static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
