using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Marketplace.Demo.Wire;

namespace Marketplace.Demo.Phases;

/// <summary>
/// The seller lists a code, the admin puts it on a flash sale, and every buyer fires several purchases at
/// once; then the demo waits until each reservation became an order (or was released) and reads the
/// orders back from the buyers' own lists.
/// </summary>
public static class FlashSalePhase
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<FlashSaleResult> RunAsync(DemoContext context, Cast cast, CancellationToken ct)
    {
        var api = context.Marketplace;
        var options = context.Options;
        var listing = (await api.PostAsync("/api/listings",
            new ListingBody($"Flash key {context.RunTag}", "code", "Demo Quest", "A game key sold in the demo's flash sale.", new Price(19.90m, "CNY"), options.Stock),
            cast.Seller.Token, ct)).Expect<CreatedId>(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        var sale = (await api.PostAsync("/api/flash-sales",
            new FlashSaleBody(listing.Id, new Price(9.90m, "CNY"), options.Stock, now.AddSeconds(-5), now.AddMinutes(30), 1),
            cast.Admin.Token, ct)).Expect<CreatedId>(HttpStatusCode.Created);

        var outcomes = new ConcurrentDictionary<string, int>();
        var reservations = new ConcurrentDictionary<DemoUser, ConcurrentBag<Guid>>();
        var requests = cast.Buyers.SelectMany(b => Enumerable.Repeat(b, options.RequestsPerBuyer)).ToList();
        var clock = Stopwatch.StartNew();
        await Steps.RunAsync($"flash sale: {cast.Buyers.Count} buyers x {options.RequestsPerBuyer} purchases on {options.Stock} units", requests.Count, async task =>
        {
            // Everyone at once: the gate, not the client, decides who gets a unit.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var all = requests.Select(async buyer =>
            {
                await start.Task;
                var answer = await api.PostAsync($"/api/flash-sales/{sale.Id}/purchase", null, buyer.Token, ct);
                outcomes.AddOrUpdate(answer.Outcome, 1, (_, n) => n + 1);
                if (answer.Status == HttpStatusCode.Accepted)
                {
                    reservations.GetOrAdd(buyer, _ => []).Add(answer.Read<ReservationAccepted>().ReservationId);
                }

                task.Increment(1);
            }).ToList();
            start.SetResult();
            await Task.WhenAll(all);
            return 0;
        });
        var purchaseSeconds = clock.Elapsed.TotalSeconds;

        var accepted = reservations.SelectMany(kv => kv.Value.Select(id => (Buyer: kv.Key, Id: id))).ToList();
        var decided = await WaitForDecisionsAsync(context, accepted, ct);

        var orders = new ConcurrentBag<SaleOrder>();
        var several = 0;
        await Steps.RunAsync("flash sale: reading every buyer's orders", cast.Buyers.Count, async task =>
        {
            await Steps.ForEachAsync(cast.Buyers, options.Concurrency, task, async (buyer, token) =>
            {
                var page = (await api.GetAsync("/api/orders?page=1&pageSize=100", buyer.Token, token)).Expect<OrderPageView>(HttpStatusCode.OK);
                var mine = page.Items.Where(o => o.FlashSaleId == sale.Id).ToList();
                if (mine.Count > 1)
                {
                    Interlocked.Increment(ref several);
                }

                foreach (var order in mine)
                {
                    orders.Add(new SaleOrder(buyer, order.Id, order.ReservationId));
                }
            }, ct);
            return 0;
        });

        var view = (await api.GetAsync($"/api/flash-sales/{sale.Id}", null, ct)).Expect<FlashSaleView>(HttpStatusCode.OK);
        return new FlashSaleResult
        {
            SaleId = sale.Id,
            ListingId = listing.Id,
            Stock = options.Stock,
            PurchaseRequests = requests.Count,
            PurchaseSeconds = purchaseSeconds,
            Outcomes = new SortedDictionary<string, int>(outcomes, StringComparer.Ordinal),
            Reservations = accepted.Count,
            BuyersWithSeveralReservations = reservations.Count(kv => kv.Value.Count > 1),
            Ordered = decided.Count(d => d.Value.Status == "ORDERED"),
            Released = decided.Count(d => d.Value.Status == "RELEASED"),
            Undecided = accepted.Count - decided.Count(d => d.Value.Status != "RESERVED"),
            Orders = [.. orders.OrderBy(o => o.Buyer.Email, StringComparer.Ordinal)],
            BuyersWithSeveralOrders = several,
            RemainingStock = view.RemainingStock,
        };
    }

    /// <summary>Polls each reservation until it is ORDERED or RELEASED, or <see cref="DemoOptions.OrderWait"/> ends.</summary>
    private static async Task<IReadOnlyDictionary<Guid, ReservationView>> WaitForDecisionsAsync(
        DemoContext context, IReadOnlyList<(DemoUser Buyer, Guid Id)> accepted, CancellationToken ct)
    {
        var latest = new ConcurrentDictionary<Guid, ReservationView>();
        await Steps.RunAsync($"flash sale: {accepted.Count} reservations become orders", accepted.Count, async task =>
        {
            var deadline = DateTime.UtcNow + context.Options.OrderWait;
            var pending = accepted.ToList();
            while (pending.Count > 0 && DateTime.UtcNow < deadline)
            {
                var still = new ConcurrentBag<(DemoUser Buyer, Guid Id)>();
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = context.Options.Concurrency, CancellationToken = ct }, async (r, token) =>
                {
                    var view = (await context.Marketplace.GetAsync($"/api/reservations/{r.Id}", r.Buyer.Token, token)).Expect<ReservationView>(HttpStatusCode.OK);
                    latest[r.Id] = view;
                    if (view.Status == "RESERVED")
                    {
                        still.Add(r);
                    }
                    else
                    {
                        task.Increment(1);
                    }
                });
                pending = [.. still];
                if (pending.Count > 0)
                {
                    await Task.Delay(PollInterval, ct);
                }
            }

            return 0;
        });
        return latest;
    }
}
