using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Marketplace.Demo.Summary;
using Marketplace.Demo.Wire;

namespace Marketplace.Demo.Phases;

/// <summary>
/// Each order goes the way a buyer takes it: the pay URL from the marketplace, the sandbox's cashier page,
/// payment at the sandbox (which notifies the marketplace), then the seller ships a code, the buyer reads
/// the delivery and confirms. The sandbox is driven as tests/Marketplace.Tests/Payments drive it.
/// </summary>
public static class FulfilmentPhase
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<FulfilmentResult> RunAsync(DemoContext context, Cast cast, IReadOnlyList<SaleOrder> orders, CancellationToken ct)
    {
        int tradesPaid = 0, paid = 0, shipped = 0, delivered = 0;
        var completed = new ConcurrentBag<SaleOrder>();
        var failures = new ConcurrentQueue<string>();
        var payLatencies = new ConcurrentBag<double>();
        await Steps.RunAsync($"orders: {orders.Count} paid at the sandbox, shipped, confirmed", orders.Count, async task =>
        {
            await Steps.ForEachAsync(orders, context.Options.Concurrency, task, async (order, token) =>
            {
                var stage = "pay";
                try
                {
                    var clock = Stopwatch.StartNew();
                    var start = (await context.Marketplace.PostAsync($"/api/orders/{order.OrderId}/pay", null, order.Buyer.Token, token))
                        .Expect<PaymentStart>(HttpStatusCode.OK);
                    stage = "cashier page";
                    (await context.Sandbox.GetAbsoluteAsync(start.PaymentUrl, token)).EnsureStatus(HttpStatusCode.OK);
                    stage = "sandbox payment";
                    var trade = (await context.Sandbox.PostAsync($"/sandbox/trades/{start.OutTradeNo}/pay", null, null, token)).Expect<TradeView>(HttpStatusCode.OK);
                    if (trade.TradeStatus == "TRADE_SUCCESS")
                    {
                        Interlocked.Increment(ref tradesPaid);
                    }

                    stage = "notification";
                    await WaitForStateAsync(context, order, "PAID", token);
                    payLatencies.Add(clock.Elapsed.TotalSeconds);
                    Interlocked.Increment(ref paid);

                    stage = "ship";
                    var secret = $"DEMO-{order.OrderId.ToString("N")[..12].ToUpperInvariant()}";
                    (await context.Marketplace.PostAsync($"/api/orders/{order.OrderId}/ship", new ShipBody(secret, "Redeem it in the launcher."), cast.Seller.Token, token))
                        .EnsureStatus(HttpStatusCode.OK);
                    Interlocked.Increment(ref shipped);

                    stage = "delivery";
                    var delivery = (await context.Marketplace.GetAsync($"/api/orders/{order.OrderId}/delivery", order.Buyer.Token, token)).Expect<DeliveryView>(HttpStatusCode.OK);
                    if (delivery.Secret == secret)
                    {
                        Interlocked.Increment(ref delivered);
                    }

                    stage = "confirm";
                    var confirmed = (await context.Marketplace.PostAsync($"/api/orders/{order.OrderId}/confirm", null, order.Buyer.Token, token)).Expect<OrderView>(HttpStatusCode.OK);
                    if (confirmed.State == "COMPLETED")
                    {
                        completed.Add(order);
                    }
                }
                catch (DemoAbortedException e)
                {
                    failures.Enqueue($"order {order.OrderId} at {stage}: {e.Message}");
                }
            }, ct);
            return 0;
        });

        return new FulfilmentResult
        {
            Orders = orders.Count,
            TradesPaid = tradesPaid,
            Paid = paid,
            Shipped = shipped,
            SecretsDelivered = delivered,
            Completed = completed.Count,
            PaymentSecondsP50 = Percentile.Of([.. payLatencies], 0.5),
            Failures = [.. failures.Take(5)],
            CompletedOrders = [.. completed.OrderBy(o => o.Buyer.Email, StringComparer.Ordinal)],
        };
    }

    private static async Task WaitForStateAsync(DemoContext context, SaleOrder order, string state, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + context.Options.PaymentWait;
        while (true)
        {
            var view = (await context.Marketplace.GetAsync($"/api/orders/{order.OrderId}", order.Buyer.Token, ct)).Expect<OrderView>(HttpStatusCode.OK);
            if (view.State == state)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new DemoAbortedException($"still {view.State} after {context.Options.PaymentWait.TotalSeconds:F0} s (expected {state})");
            }

            await Task.Delay(PollInterval, ct);
        }
    }
}
