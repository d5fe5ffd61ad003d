using System.Net;
using Marketplace.Api.Features.Orders;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Orders;

public sealed class TimeoutCancellerTests(OrdersApiFactory api) : IClassFixture<OrdersApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expired_unpaid_orders_are_cancelled_with_their_stock_returned_and_others_are_left()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 10));
        var expired = await buyer.Client.BuyAsync(listing.Id, 2);
        var fresh = await buyer.Client.BuyAsync(listing.Id, 3);
        var paid = await buyer.Client.BuyAsync(listing.Id, 1);
        await api.ExecuteSqlAsync("UPDATE orders SET payment_deadline = now() - interval '1 second' WHERE id IN ({0}, {1})", expired.Id, paid.Id);
        await api.ExecuteSqlAsync("UPDATE orders SET state = 'PAID' WHERE id = {0}", paid.Id);

        var cancelled = await api.Services.GetRequiredService<OrderTimeoutCanceller>().SweepOnceAsync(Ct);

        Assert.True(cancelled >= 1);
        Assert.Equal("CANCELLED", (await buyer.Client.GetOrderAsync(expired.Id)).State);
        Assert.Equal("PENDING_PAYMENT", (await buyer.Client.GetOrderAsync(fresh.Id)).State);
        Assert.Equal("PAID", (await buyer.Client.GetOrderAsync(paid.Id)).State);
        Assert.Equal(10 - 3 - 1, await buyer.Client.StockAsync(listing.Id));
        var last = (await buyer.Client.HistoryAsync(expired.Id))[^1];
        Assert.Equal(("PENDING_PAYMENT", "CANCELLED", OrderActors.Timeout), (last.From, last.To, last.Actor));
    }

    [Fact]
    public async Task The_timeout_job_racing_buyer_cancels_on_500_orders_cancels_each_once_and_returns_stock_once()
    {
        const int Orders = 500;
        const int InitialStock = 600;
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: InitialStock));
        var buyers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.NewBuyerAsync()));
        var orders = (await Task.WhenAll(buyers.Select(async buyer =>
        {
            var mine = new List<(TestUser Buyer, Guid Order)>();
            for (var i = 0; i < Orders / buyers.Length; i++)
            {
                mine.Add((buyer, (await buyer.Client.BuyAsync(listing.Id)).Id));
            }

            return mine;
        }))).SelectMany(o => o).ToList();
        Assert.Equal(InitialStock - Orders, await seller.Client.StockAsync(listing.Id));
        // All past their deadline, in creation order. The sweeps take the oldest deadlines first and
        // the buyers cancel newest first, so the two meet in the middle and fight over the same rows.
        await api.ExecuteSqlAsync("""
            UPDATE orders SET payment_deadline = now() - interval '1 hour' + s.n * interval '1 millisecond'
            FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM orders WHERE listing_id = {0}) s
            WHERE orders.id = s.id
            """, listing.Id);
        var newestFirst = await api.WithDbAsync(db => db.Orders.Where(o => o.ListingId == listing.Id)
            .OrderByDescending(o => o.PaymentDeadline).Select(o => o.Id).ToListAsync(Ct));
        var byId = orders.ToDictionary(o => o.Order);

        // Four sweeps stand for four API instances; every buyer cancels at the same time.
        var canceller = api.Services.GetRequiredService<OrderTimeoutCanceller>();
        using var gate = new SemaphoreSlim(48);
        var sweeps = Enumerable.Range(0, 4).Select(_ => Task.Run(() => canceller.SweepOnceAsync(Ct), Ct)).ToList();
        var cancels = newestFirst.Select(id => byId[id]).Select(async o =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                return (await o.Buyer.Client.CancelAsync(o.Order)).StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var buyerOutcomes = await Task.WhenAll(cancels);
        var sweptCounts = await Task.WhenAll(sweeps);

        Assert.All(buyerOutcomes, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var buyerWins = buyerOutcomes.Count(s => s == HttpStatusCode.OK);
        TestContext.Current.TestOutputHelper?.WriteLine($"buyer cancels won {buyerWins}, timeout sweeps won {sweptCounts.Sum()} ({string.Join("+", sweptCounts)})");
        Assert.Equal(Orders, buyerWins + sweptCounts.Sum());
        Assert.True(buyerWins > 0 && sweptCounts.Sum() > 0, "Both sides must have won some orders for this to be a race.");

        var ids = orders.Select(o => o.Order).ToList();
        var states = await api.WithDbAsync(db => db.Orders.Where(o => ids.Contains(o.Id)).Select(o => o.State).ToListAsync(Ct));
        Assert.Equal(Orders, states.Count(s => s == OrderState.Cancelled));
        var cancelRows = await api.WithDbAsync(db => db.OrderHistory
            .Where(h => ids.Contains(h.OrderId) && h.ToState == OrderState.Cancelled)
            .GroupBy(h => h.OrderId).Select(g => g.Count()).ToListAsync(Ct));
        Assert.Equal(Orders, cancelRows.Count);
        Assert.All(cancelRows, count => Assert.Equal(1, count));
        Assert.Equal(InitialStock, await seller.Client.StockAsync(listing.Id));
    }

    [Fact]
    public async Task An_order_the_payment_gate_holds_back_stays_pending()
    {
        await using var gated = new RefusingGateApiFactory();
        await gated.InitializeAsync();
        var seller = await gated.NewSellerAsync();
        var buyer = await gated.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 3));
        var order = await buyer.Client.BuyAsync(listing.Id);
        await gated.ExecuteSqlAsync("UPDATE orders SET payment_deadline = now() - interval '1 minute' WHERE id = {0}", order.Id);

        var cancelled = await gated.Services.GetRequiredService<OrderTimeoutCanceller>().SweepOnceAsync(Ct);

        Assert.Equal(0, cancelled);
        Assert.Equal("PENDING_PAYMENT", (await buyer.Client.GetOrderAsync(order.Id)).State);
        Assert.Equal(2, await buyer.Client.StockAsync(listing.Id));
        Assert.Contains(order.Id, gated.Services.GetRequiredService<RefusingGate>().Asked);
    }

    private sealed class RefusingGateApiFactory : OrdersApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<RefusingGate>();
                services.AddSingleton<IPaymentGate>(provider => provider.GetRequiredService<RefusingGate>());
            });
        }
    }

    /// <summary>A gateway that reports every trade as paid (the payments feature would then mark it PAID).</summary>
    private sealed class RefusingGate : IPaymentGate
    {
        public System.Collections.Concurrent.ConcurrentBag<Guid> Asked { get; } = [];

        public Task<bool> MayCancelForTimeoutAsync(PendingOrder order, CancellationToken cancellationToken)
        {
            Asked.Add(order.Id);
            return Task.FromResult(false);
        }
    }
}
