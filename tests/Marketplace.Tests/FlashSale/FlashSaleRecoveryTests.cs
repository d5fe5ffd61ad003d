using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Api.Features.FlashSales;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// Crash and outage points along the pipeline, in one run: the consumer stopped mid-stream and
/// restarted, Kafka produce failing for a while, Redis shut down and restarted from its AOF, and a
/// sale ending with reservations still unordered. Afterwards every accepted reservation has exactly
/// one order or one release, and the stock adds up in PostgreSQL and Redis.
/// </summary>
public sealed class FlashSaleRecoveryTests(RecoveryApiFactory api) : IClassFixture<RecoveryApiFactory>
{
    private const int StockA = 60;
    private const int StockB = 30;

    // Long enough for phases 2 and 3 on a busy machine; purchases of B after its end are refused (422)
    // and simply not counted as accepted.
    private static readonly TimeSpan SaleBDuration = TimeSpan.FromSeconds(12);

    private readonly Dictionary<Guid, Guid> _accepted = []; // reservation → sale
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Every_accepted_reservation_ends_in_exactly_one_order_or_one_release()
    {
        var ct = TestContext.Current.CancellationToken;
        var buyers = await BulkBuyers.CreateAsync(api, 120);
        var (saleA, _) = await api.NewActiveSaleAsync(StockA);

        // 1. Healthy: purchases become orders.
        await BuyAsync(saleA, buyers.Take(15));
        var ledgerA = await SaleLedger.WaitForAsync(api, saleA, l => l.Orders.Count == 15, TimeSpan.FromSeconds(60));
        Assert.Equal(15, ledgerA.Orders.Count);

        // 2. Consumer stopped mid-stream: reservations pile up in Kafka (and the reconciler adds
        //    re-published duplicates of them). Sale B ends soon, with nobody consuming.
        var (saleB, _) = await api.NewActiveSaleAsync(StockB, duration: SaleBDuration);
        var saleBEnds = DateTimeOffset.UtcNow + SaleBDuration;
        await api.Consumer.StopAsync(ct);
        await BuyAsync(saleA, buyers.Skip(15).Take(15));
        await BuyAsync(saleB, buyers.Skip(30).Take(10), mayHaveEnded: true);

        // 3. Produce fails: purchases still answer 202 (the reservation is durable in Redis).
        api.Faults.Failing = true;
        await BuyAsync(saleA, buyers.Skip(40).Take(15));
        await BuyAsync(saleB, buyers.Skip(55).Take(10), mayHaveEnded: true);
        Assert.True(api.Faults.Failed >= 15);

        // 4. Redis restarts from its AOF; while it is down the gate refuses with 503 and accepts nothing.
        var acceptedA = _accepted.Count(p => p.Value == saleA);
        api.Redis.Shutdown();
        var down = await _client.PurchaseAsync(saleA, buyers[65].Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        api.Redis.Start();
        await WaitUntilAsync(async () => (await _client.GetAsync("/readyz", ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var afterRestart = await SaleLedger.ReadAsync(api, saleA);
        Assert.Equal(StockA - acceptedA, afterRestart.RedisStock);
        var again = await _client.PurchaseAsync(saleA, buyers[0].Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // the buyer set survived the restart
        await BuyAsync(saleA, buyers.Skip(66).Take(10));

        // 5. Sale B ends: with no consumer and no produce, the reconciler releases its reservations.
        var acceptedB = _accepted.Where(p => p.Value == saleB).Select(p => p.Key).ToHashSet();
        Assert.NotEmpty(acceptedB);
        await Task.Delay(saleBEnds.AddSeconds(1) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, ct);
        var ledgerB = await SaleLedger.WaitForAsync(api, saleB, l => l.Released == acceptedB.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(acceptedB.Count, ledgerB.Released);

        // 6. Recovery: produce works again, the consumer restarts; the backlog (with duplicates) and
        //    the re-published reservations drain.
        api.Faults.Failing = false;
        await api.Consumer.StartAsync(ct);
        acceptedA = _accepted.Count(p => p.Value == saleA);
        ledgerA = await SaleLedger.WaitForAsync(api, saleA,
            l => l.Decisions.Count == acceptedA && l.PendingInRedis == 0, TimeSpan.FromSeconds(90));

        // A redelivered message for an ordered reservation changes nothing.
        var decidedBefore = api.Consumer.Decided;
        var first = ledgerA.Orders[0];
        await api.Services.GetRequiredService<IOrderRequestPublisher>().PublishAsync(
            new OrderRequested(first.ReservationId, saleA, first.BuyerId, Guid.Empty, 0m, "USD", DateTimeOffset.UtcNow), ct);
        await WaitUntilAsync(() => Task.FromResult(api.Consumer.Decided > decidedBefore), TimeSpan.FromSeconds(30));

        AssertSettled(await SaleLedger.ReadAsync(api, saleA), saleA, StockA, expectReleases: false);
        AssertSettled(await SaleLedger.ReadAsync(api, saleB), saleB, StockB, expectReleases: true);
    }

    private void AssertSettled(SaleLedger ledger, Guid saleId, int stock, bool expectReleases)
    {
        var accepted = _accepted.Where(p => p.Value == saleId).Select(p => p.Key).ToHashSet();
        var ordered = ledger.Orders.Select(o => o.ReservationId).ToList();

        // Exactly one outcome per accepted reservation, and none for anything else.
        Assert.Equal(accepted.Order(), ledger.Decisions.Keys.Order());
        Assert.Equal(ordered.Count, ordered.Distinct().Count());
        foreach (var id in accepted)
        {
            var hasOrder = ordered.Contains(id);
            Assert.Equal(hasOrder ? ReservationStatus.Ordered : ReservationStatus.Released, ledger.Decisions[id]);
        }

        Assert.Equal(ledger.Orders.Count, ledger.Orders.Select(o => o.BuyerId).Distinct().Count());
        Assert.Equal(accepted.Count, ledger.Orders.Count + ledger.Released);

        // Stock adds up: PostgreSQL gave one unit per live order; Redis holds what is left to sell
        // (released units came back to it), with nothing pending.
        Assert.Equal(stock, ledger.PgStock + ledger.LiveOrders);
        Assert.Equal(ledger.PgStock, ledger.RedisStock);
        Assert.Equal(0, ledger.PendingInRedis);
        if (expectReleases)
        {
            Assert.Empty(ledger.Orders);
            Assert.Equal(stock, ledger.RedisStock);
        }
        else
        {
            Assert.Equal(0, ledger.Released);
        }
    }

    private async Task BuyAsync(Guid saleId, IEnumerable<Buyer> buyers, bool mayHaveEnded = false)
    {
        foreach (var buyer in buyers)
        {
            var response = await _client.PurchaseAsync(saleId, buyer.Token);
            if (mayHaveEnded && response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                return; // the sale ended: nothing was reserved
            }

            _accepted[await FlashSaleApi.AcceptedReservationAsync(response)] = saleId;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(100);
        }
    }
}
