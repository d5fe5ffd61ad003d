using System.Net;
using Marketplace.Api.Domain;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>
/// 500 expired orders with open trades: the buyer pays each at the sandbox while the timeout canceller
/// sweeps them (and the buyer cancels every fifth, which does not consult the gateway). Each order has
/// exactly one winner, and no order ends CANCELLED with its money kept.
/// </summary>
public sealed class PaymentTimeoutRaceTests(PaymentsHarness harness) : IClassFixture<PaymentsHarness>
{
    private const int Orders = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Payment_notifications_racing_the_timeout_job_have_one_winner_and_no_paid_order_stays_cancelled_unrefunded()
    {
        var purchase = await harness.PurchaseAsync(amount: 3.50m, stock: 1);
        var ids = await CreateOrdersAsync(purchase);
        var pays = await ForEachAsync(ids, id => PaymentsHarness.PayUrlAsync(purchase.Buyer, id));
        await ForEachAsync(pays, async p => { await harness.OpenTradeAsync(p); return true; });
        await harness.Api.ExecuteAsync("UPDATE orders SET payment_deadline = now() - interval '1 second' WHERE id = ANY(@ids)",
            new NpgsqlParameter("ids", ids.ToArray()));

        var canceller = harness.Service<OrderTimeoutCanceller>();
        var payments = ForEachAsync(pays.OrderBy(_ => Random.Shared.Next()).ToList(), p => harness.SandboxPayAsync(p.OutTradeNo));
        var cancels = ForEachAsync(ids.Where((_, i) => i % 5 == 0).ToList(), async id => (await purchase.Buyer.Client.CancelAsync(id)).StatusCode);
        var sweeps = Task.Run(async () =>
        {
            var swept = 0;
            while (!payments.IsCompleted)
            {
                swept += await canceller.SweepOnceAsync(Ct);
                await Task.Delay(50, Ct);
            }

            return swept;
        }, Ct);
        var payCodes = await payments;
        Assert.All(payCodes, c => Assert.True(c is HttpStatusCode.OK or HttpStatusCode.Conflict, $"sandbox pay answered {c}"));
        await cancels;
        await sweeps;
        // Trades still unpaid after the race (closed by the gate, or paid late): one last sweep settles them.
        await canceller.SweepOnceAsync(Ct);

        await PaymentsHarness.WaitUntilAsync(async () => await harness.Api.ScalarAsync(
                "SELECT count(*) FROM orders WHERE id = ANY(@ids) AND state = 'PENDING_PAYMENT'", new NpgsqlParameter("ids", ids.ToArray())) == 0
            && await harness.Api.ScalarAsync("SELECT count(*) FROM refunds WHERE status <> 'SUCCEEDED'") == 0,
            TimeSpan.FromSeconds(60), async () => "pending or unrefunded orders remain: "
                + await harness.Api.ScalarAsync("SELECT count(*) FROM orders WHERE state = 'PENDING_PAYMENT'"));

        var (paid, cancelled, refunded) = (0, 0, 0);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var state = await harness.OrderStateAsync(id);
            Assert.True(state is "PAID" or "CANCELLED", $"order {id} ended {state}");
            Assert.Equal(1, await harness.Api.ScalarAsync(
                "SELECT count(*) FROM order_history WHERE order_id = @id AND from_state = 'PENDING_PAYMENT'", new NpgsqlParameter("id", id)));
            var trade = await harness.TradeAsync(pays[i].OutTradeNo);
            var tradePaid = trade.PaidAt is not null;
            if (state == "PAID")
            {
                paid++;
                Assert.True(tradePaid, $"order {id} is PAID but its trade is {trade.TradeStatus}");
                Assert.Empty(trade.Refunds);
            }
            else
            {
                cancelled++;
                if (tradePaid)
                {
                    refunded++;
                    Assert.Equal("SUCCEEDED", await harness.Api.ScalarTextAsync("SELECT status FROM refunds WHERE order_id = @id", id));
                    Assert.Equal(trade.TotalAmount, trade.RefundedAmount);
                }
                else
                {
                    Assert.Equal("TRADE_CLOSED", trade.TradeStatus);
                }
            }
        }

        Assert.Equal(Orders, paid + cancelled);
        Assert.Equal(refunded, await harness.Api.ScalarAsync("SELECT count(*) FROM refunds WHERE status = 'SUCCEEDED'"));
        TestContext.Current.SendDiagnosticMessage($"race: {paid} paid, {cancelled} cancelled, {refunded} of them refunded");
    }

    private async Task<List<Guid>> CreateOrdersAsync(Purchase purchase)
    {
        await using var scope = harness.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var creation = scope.ServiceProvider.GetRequiredService<OrderCreation>();
        var ids = new List<Guid>(Orders);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        for (var i = 0; i < Orders; i++)
        {
            var order = await creation.TryCreateAsync(db, new NewOrder(purchase.Buyer.Id, purchase.Seller.Id, purchase.Listing.Id, 1,
                Money.Create(3.50m, "CNY"), OrderActors.Buyer(purchase.Buyer.Id)), Ct);
            ids.Add(order!.Id);
        }

        await transaction.CommitAsync(Ct);
        return ids;
    }

    private static async Task<List<T>> ForEachAsync<TIn, T>(IReadOnlyList<TIn> items, Func<TIn, Task<T>> work)
    {
        var results = new T[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (i, _) => results[i] = await work(items[i]));
        return [.. results];
    }
}
