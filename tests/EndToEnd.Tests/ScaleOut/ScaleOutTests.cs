using System.Net;
using System.Net.Http.Json;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;
using EndToEnd.Tests.Reviews;
using Npgsql;

namespace EndToEnd.Tests.ScaleOut;

/// <summary>
/// Three instances behind the gateway (started together on a fresh database); a flash sale of 2,000 buyers during
/// which one instance is killed (SIGKILL) and started again, with reviews and payment notifications in flight.
/// Afterwards PostgreSQL holds no oversell, one order per buyer, a decision for every 202, one verdict per review and
/// one PAID transition per paid order.
/// </summary>
public sealed class ScaleOutTests(ScaleOutPlatform fixture) : PlatformTest(fixture.Platform), IClassFixture<ScaleOutPlatform>
{
    private const int Buyers = 2000;
    private const int Stock = 150;

    [Fact]
    public async Task An_instance_killed_mid_sale_loses_no_purchase_review_or_payment()
    {
        // Reviews and payments to have in flight when the instance dies: shipped orders to review, unpaid orders to pay.
        ReviewText[] texts = [ReviewTexts.FrenchPraise, ReviewTexts.SpanishAbuse, ReviewTexts.EnglishPraise, ReviewTexts.KoreanAbuse, ReviewTexts.GermanPraise];
        var verdicts = (await ServiceVerdicts.AskAsync(Platform, texts)).Verdicts;
        var reviewScenario = await ReviewScenario.ShippedAsync(Platform, texts);
        var seller = await Platform.NewSellerAsync();
        var payListing = await seller.CreateListingAsync(stock: 6);
        var unpaid = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var buyer = await Platform.NewBuyerAsync();
            var order = await buyer.BuyAsync(payListing.Id);
            return (Buyer: buyer, Order: order, Pay: await buyer.StartPaymentAsync(order.Id));
        }));

        var saleId = await NewSaleAsync(seller);
        var buyers = await BulkBuyers.CreateAsync(Platform, Buyers);
        var tally = new FlashTally();
        using var gateway = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = Platform.Marketplace.Url, Timeout = TimeSpan.FromSeconds(30),
        };

        // The sale: 64 buyers at a time; a third of the way in, instance 2 dies with reviews being moderated (just
        // submitted: the workers of every instance claim them) and payment notifications on their way (the trades
        // paid at the sandbox, which notifies through the gateway and retries what fails).
        var victim = Platform.Instances[1];
        var done = 0;
        Task? inFlight = null;
        IReadOnlyList<(ReviewText Text, Session Buyer, Guid ReviewId)> reviews = [];
        await Parallel.ForEachAsync(buyers, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = Ct }, async (buyer, ct) =>
        {
            await FlashBuyers.BuyAsync(gateway, saleId, buyer, tally, ct);
            if (Interlocked.Increment(ref done) == Buyers / 3)
            {
                inFlight = Task.Run(async () =>
                {
                    reviews = await reviewScenario.ReviewAllAsync();
                    var paying = Task.WhenAll(unpaid.Select(u => Platform.PayAtSandboxAsync(u.Pay)));
                    await victim.CrashAsync();
                    await paying;
                }, ct);
            }
        });
        await inFlight!;
        await victim.StartAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"flash sale with {victim.Name} killed a third of the way in: {tally}");

        Assert.True(tally.GaveUp == 0 && tally.Final.Values.Sum() == Buyers, $"every buyer got a final answer ({tally})");
        Assert.DoesNotContain(tally.Final.Keys, status => (int)status >= 500);
        Assert.InRange(tally.Accepted.Count, 1, Stock);

        // Every 202 decided (an order or a release), in PostgreSQL.
        var acceptedIds = tally.Accepted.Keys.ToArray();
        await Eventually.ValueAsync(() => Platform.Stores.CountAsync(
                "SELECT count(*) FROM flash_reservations WHERE id = ANY(@ids) AND status <> 'RESERVED'", new NpgsqlParameter("ids", acceptedIds)),
            n => n == acceptedIds.Length, $"a decision for each of the {acceptedIds.Length} accepted reservations ({tally})", TimeSpan.FromMinutes(3));

        // No oversell, one order per buyer, the sale's stock adds up, each order is a buyer's who was told 202 or retried.
        var orders = await Platform.Stores.QueryAsync("SELECT buyer_id, reservation_id, state FROM orders WHERE flash_sale_id = @id",
            r => (Buyer: r.GetGuid(0), Reservation: r.GetGuid(1), State: r.GetString(2)), new NpgsqlParameter("id", saleId));
        Assert.InRange(orders.Count, 1, Stock);
        Assert.Equal(orders.Count, orders.Select(o => o.Buyer).Distinct().Count());
        var saleStock = await Platform.Stores.CountAsync("SELECT stock FROM flash_sales WHERE id = @id", new NpgsqlParameter("id", saleId));
        Assert.Equal(Stock, saleStock + orders.Count(o => o.State is not ("CANCELLED" or "REFUNDED")));
        var buyerIds = buyers.Select(b => b.Id).ToHashSet();
        Assert.All(orders, o => Assert.Contains(o.Buyer, buyerIds));
        Assert.All(orders.Where(o => tally.Accepted.ContainsKey(o.Reservation)), o => Assert.Equal(tally.Accepted[o.Reservation], o.Buyer));

        // Every review moderated exactly once, with the service's action.
        foreach (var (text, buyer, reviewId) in reviews)
        {
            var review = await buyer.WaitModeratedAsync(reviewId);
            Assert.True(ReviewsApi.StatusFor(verdicts[text].Action) == review.Status, $"{text}: service says {verdicts[text].Action}, review is {review.Status}");
        }

        var counts = await Platform.Stores.VerdictCountsAsync([.. reviews.Select(r => r.ReviewId)]);
        Assert.Equal(texts.Length, counts.Count);
        Assert.All(counts.Values, n => Assert.Equal(1, n));

        // Every payment notification applied once: each order PAID, by one transition.
        foreach (var (buyer, order, _) in unpaid)
        {
            await buyer.WaitForStateAsync(order.Id, "PAID");
        }

        var paidTransitions = await Platform.Stores.QueryAsync(
            "SELECT order_id, count(*) FROM order_history WHERE order_id = ANY(@ids) AND to_state = 'PAID' GROUP BY order_id",
            r => r.GetInt64(1), new NpgsqlParameter("ids", unpaid.Select(u => u.Order.Id).ToArray()));
        Assert.Equal(unpaid.Length, paidTransitions.Count);
        Assert.All(paidTransitions, n => Assert.Equal(1, n));

        // The restarted instance is back in the gateway's rotation.
        await Eventually.ValueAsync(ReadyInstancesAsync, n => n == ScaleOutPlatform.InstanceCount, "every instance ready behind the gateway");
    }

    private async Task<Guid> NewSaleAsync(Session seller)
    {
        var listing = await seller.CreateListingAsync(stock: Stock);
        var admin = await Platform.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var response = await admin.Client.PostAsJsonAsync("/api/flash-sales", new
        {
            listingId = listing.Id,
            price = new { amount = 4.90m, currency = "CNY" },
            stock = Stock,
            startsAt = now.AddSeconds(-5),
            endsAt = now.AddMinutes(30),
            perUserLimit = 1,
        }, Ct);
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedView>(Ct))!.Id;
    }

    private async Task<int> ReadyInstancesAsync()
    {
        using var client = Platform.Anonymous();
        var body = await client.GetStringAsync(new Uri("/readyz", UriKind.Relative), Ct);
        var match = System.Text.RegularExpressions.Regex.Match(body, "(\\d+) of \\d+ instances ready");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private sealed record CreatedView(Guid Id);
}
