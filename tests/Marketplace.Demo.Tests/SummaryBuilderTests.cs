using Marketplace.Demo.Http;
using Marketplace.Demo.Phases;
using Marketplace.Demo.Reviews;
using Marketplace.Demo.Summary;
using Marketplace.Demo.Wire;

namespace Marketplace.Demo.Tests;

public class SummaryBuilderTests
{
    private static readonly Uri Local = new("http://127.0.0.1:1");

    [Fact]
    public void A_clean_run_passes_every_invariant()
    {
        var (context, sale, fulfilment) = Run(stock: 3, buyers: 5, orders: 3);
        var reviews = Reviews(fulfilment.CompletedOrders, "PUBLISHED", "HELD", "REJECTED") with { ListingPageTotal = 1, SellerReviewCount = 1, SellerAverageRating = ReviewSamples.All[0].Rating };

        var summary = SummaryBuilder.Build(context, DateTimeOffset.UtcNow, sale, fulfilment, reviews);

        Assert.True(summary.Passed, string.Join("; ", summary.Invariants.Where(i => !i.Passed).Select(i => i.Name + ": " + i.Detail)));
        Assert.Equal(1, summary.Reviews!.ByStatus["PUBLISHED"]);
        Assert.Equal(3, summary.Reviews.ModerationLatencyMs.Count);
    }

    [Fact]
    public void Oversell_and_a_second_order_per_buyer_fail()
    {
        var (context, sale, fulfilment) = Run(stock: 3, buyers: 5, orders: 4);
        sale = sale with { BuyersWithSeveralOrders = 1, RemainingStock = 0 };

        var summary = SummaryBuilder.Build(context, DateTimeOffset.UtcNow, sale, fulfilment, null);

        Assert.False(summary.Passed);
        var failed = summary.Invariants.Where(i => !i.Passed).Select(i => i.Name).ToList();
        Assert.Contains("no oversell: orders <= stock", failed);
        Assert.Contains("one order per buyer", failed);
        Assert.Contains("remaining stock = stock - orders (Redis gate vs PostgreSQL orders)", failed);
    }

    [Fact]
    public void A_review_left_pending_or_shown_in_the_wrong_count_fails()
    {
        var (context, sale, fulfilment) = Run(stock: 2, buyers: 2, orders: 2);
        var reviews = Reviews(fulfilment.CompletedOrders, "PUBLISHED", "PENDING") with { ListingPageTotal = 2, SellerReviewCount = 1, SellerAverageRating = ReviewSamples.All[0].Rating };

        var summary = SummaryBuilder.Build(context, DateTimeOffset.UtcNow, sale, fulfilment, reviews);

        var failed = summary.Invariants.Where(i => !i.Passed).Select(i => i.Name).ToList();
        Assert.Equal(["every review moderated (none PENDING)", "listing review page = published reviews"], failed);
        Assert.Single(summary.Reviews!.StillPending);
    }

    private static (DemoContext Context, FlashSaleResult Sale, FulfilmentResult Fulfilment) Run(int stock, int buyers, int orders)
    {
        var context = new DemoContext(new ApiClient(new HttpClient(), Local), new ApiClient(new HttpClient(), Local),
            new DemoOptions { MarketplaceUrl = Local, SandboxUrl = Local, AdminEmail = "a@example.com", AdminPassword = "x", Buyers = buyers, Stock = stock }, "test");
        var saleOrders = Enumerable.Range(0, orders)
            .Select(i => new SaleOrder(new DemoUser($"b{i}@example.com", Guid.NewGuid(), "t"), Guid.NewGuid(), Guid.NewGuid())).ToList();
        var sale = new FlashSaleResult
        {
            SaleId = Guid.NewGuid(), ListingId = Guid.NewGuid(), Stock = stock, PurchaseRequests = buyers * 3, PurchaseSeconds = 1,
            Outcomes = new Dictionary<string, int> { ["202"] = orders, ["409 sold-out"] = buyers * 3 - orders },
            Reservations = orders, BuyersWithSeveralReservations = 0, Ordered = orders, Released = 0, Undecided = 0,
            Orders = saleOrders, BuyersWithSeveralOrders = 0, RemainingStock = stock - orders,
        };
        var fulfilment = new FulfilmentResult
        {
            Orders = orders, TradesPaid = orders, Paid = orders, Shipped = orders, SecretsDelivered = orders, Completed = orders,
            PaymentSecondsP50 = 0.5, Failures = [], CompletedOrders = saleOrders,
        };
        return (context, sale, fulfilment);
    }

    /// <summary>One review per order with the given statuses in turn; the first sample's rating for each.</summary>
    private static ReviewsResult Reviews(IReadOnlyList<SaleOrder> orders, params string[] statuses)
    {
        var created = DateTimeOffset.UtcNow;
        var list = orders.Select((o, i) =>
        {
            var status = statuses[i % statuses.Length];
            var sample = ReviewSamples.All[0];
            var view = new ReviewView(Guid.NewGuid(), o.OrderId, Guid.Empty, Guid.Empty, o.Buyer.Id, sample.Rating, sample.Text, status, created,
                status == "PENDING" ? null : created.AddMilliseconds(100 * (i + 1)), sample.Family, null, null, false, "v1");
            return new SubmittedReview(o, sample, view.Id, view);
        }).ToList();
        return new ReviewsResult
        {
            Reviews = list, Refused = [], DuplicateOutcome = "409 review-exists", VisibilityErrors = [],
            ListingPageTotal = 0, SellerReviewCount = 0, SellerAverageRating = 0, AdminHeldQueue = 0, WaitSeconds = 1,
        };
    }
}
