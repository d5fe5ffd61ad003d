using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// What operators watch during a sale: purchase answers by outcome, the time from a 202 to its order, and how far the
/// order consumer is behind, read from this host's own meters (see <see cref="HostMeter"/> for why not /metrics).
/// </summary>
public sealed class FlashSaleMetricsTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task A_sale_counts_its_answers_times_each_reservation_to_its_order_and_reports_the_consumers_lag()
    {
        using var recorder = new HostMeterRecorder(api.Services, FlashSaleMetrics.MeterName, tag: "outcome");
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 2);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.NewBuyerAsync()));
        var client = api.CreateClient();
        var accepted = new List<Guid>();
        foreach (var buyer in buyers)
        {
            using var response = await client.PurchaseAsync(saleId, buyer.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
            {
                accepted.Add(await FlashSaleApi.AcceptedReservationAsync(response));
            }
        }

        await SaleLedger.WaitForAsync(api, saleId, l => accepted.All(l.Decisions.ContainsKey), TimeSpan.FromSeconds(60));
        await ReviewsApi.WaitUntilAsync(() => Task.FromResult(recorder.Count(FlashSaleMetrics.PipelineLatencyInstrument) >= 2),
            TimeSpan.FromSeconds(10), "pipeline latency recorded per decision");

        Assert.Equal(2, accepted.Count);
        Assert.Equal(2, recorder.Sum("marketplace.flash_sales.purchases", "accepted"));
        Assert.Equal(1, recorder.Sum("marketplace.flash_sales.purchases", "sold-out"));
        Assert.Equal(2, recorder.Count(FlashSaleMetrics.PipelineLatencyInstrument));
        Assert.True(recorder.Sum(FlashSaleMetrics.PipelineLatencyInstrument) > 0);

        // The consumer read the order topic: one lag figure per partition it holds, 0 once it caught up.
        var topic = api.Services.GetRequiredService<IOptions<KafkaOptions>>().Value.OrderRequestsTopic;
        var lag = HostMeter.ObserveAll(api.Services, "marketplace.kafka.consumer_lag", KafkaConsumerMetrics.MeterName)
            .Where(m => Equals(m.Tags["topic"], topic)).ToList();
        Assert.NotEmpty(lag);
        Assert.All(lag, m => Assert.Equal(0, m.Value));
    }
}
