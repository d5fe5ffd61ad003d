using System.Globalization;
using Marketplace.Demo.Phases;

namespace Marketplace.Demo.Summary;

/// <summary>Turns the phases' results into the summary's figures and judges the invariants.</summary>
public static class SummaryBuilder
{
    private static readonly string[] Statuses = ["PUBLISHED", "HELD", "REJECTED", "PENDING"];

    public static DemoSummary Build(DemoContext context, DateTimeOffset startedAt, FlashSaleResult sale, FulfilmentResult fulfilment, ReviewsResult? reviews)
    {
        var o = context.Options;
        var flash = new FlashSaleFigures(sale.SaleId, sale.ListingId, sale.Stock, sale.PurchaseRequests, Math.Round(sale.PurchaseSeconds, 2), sale.Outcomes,
            sale.Reservations, sale.Ordered, sale.Released, sale.Undecided, sale.Orders.Count, sale.RemainingStock,
            sale.BuyersWithSeveralReservations, sale.BuyersWithSeveralOrders);
        var payments = new PaymentFigures(fulfilment.Orders, fulfilment.TradesPaid, fulfilment.Paid, fulfilment.Shipped, fulfilment.SecretsDelivered,
            fulfilment.Completed, Math.Round(fulfilment.PaymentSecondsP50, 3), fulfilment.Failures);
        var reviewFigures = reviews is null ? null : Figures(reviews);

        var invariants = new List<InvariantResult>
        {
            Check("no oversell: reservations <= stock", sale.Reservations <= sale.Stock, $"{sale.Reservations} reservations, stock {sale.Stock}"),
            Check("no oversell: orders <= stock", sale.Orders.Count <= sale.Stock, $"{sale.Orders.Count} orders, stock {sale.Stock}"),
            Check("one reservation per buyer", sale.BuyersWithSeveralReservations == 0, $"{sale.BuyersWithSeveralReservations} buyers with several"),
            Check("one order per buyer", sale.BuyersWithSeveralOrders == 0, $"{sale.BuyersWithSeveralOrders} buyers with several"),
            Check("every reservation decided", sale.Undecided == 0, $"{sale.Ordered} ordered, {sale.Released} released, {sale.Undecided} still reserved (waited up to {o.OrderWait.TotalSeconds:F0} s)"),
            Check("orders = ordered reservations", sale.Orders.Count == sale.Ordered, $"{sale.Orders.Count} orders in the buyers' lists, {sale.Ordered} reservations ORDERED"),
            Check("remaining stock = stock - orders (Redis gate vs PostgreSQL orders)", sale.RemainingStock == sale.Stock - sale.Orders.Count,
                $"remaining {sale.RemainingStock}, stock {sale.Stock} - {sale.Orders.Count} orders"),
            Check("sold out when demand exceeds stock", o.Buyers < sale.Stock || sale.Orders.Count == sale.Stock, $"{o.Buyers} buyers, {sale.Orders.Count}/{sale.Stock} sold"),
            Check("no 5xx answer to a purchase", !sale.Outcomes.Keys.Any(k => k.StartsWith('5')), string.Join(", ", sale.Outcomes.Select(kv => $"{kv.Key}: {kv.Value}"))),
            Check("every order paid (sandbox TRADE_SUCCESS, marketplace PAID)", fulfilment.TradesPaid == fulfilment.Orders && fulfilment.Paid == fulfilment.Orders,
                $"{fulfilment.TradesPaid} trades paid, {fulfilment.Paid} orders PAID of {fulfilment.Orders}" + FirstFailure(fulfilment)),
            Check("every order shipped, delivered and completed", fulfilment.Completed == fulfilment.Orders && fulfilment.SecretsDelivered == fulfilment.Orders,
                $"{fulfilment.Shipped} shipped, {fulfilment.SecretsDelivered} secrets delivered, {fulfilment.Completed} completed of {fulfilment.Orders}" + FirstFailure(fulfilment)),
        };
        if (reviews is not null && reviewFigures is not null)
        {
            var published = reviews.Reviews.Where(r => r.Latest?.Status == "PUBLISHED").ToList();
            var mean = published.Count == 0 ? (double?)null : published.Average(r => r.Sample.Rating);
            invariants.AddRange(
            [
                Check("every review accepted as PENDING", reviews.Refused.Count == 0 && reviews.Reviews.Count == fulfilment.Completed,
                    $"{reviews.Reviews.Count} of {fulfilment.Completed} accepted" + (reviews.Refused.Count > 0 ? "; " + reviews.Refused[0] : "")),
                Check("a second review of an order is refused (409 review-exists)", reviews.DuplicateOutcome is null or "409 review-exists", reviews.DuplicateOutcome ?? "no order"),
                Check("every review moderated (none PENDING)", reviewFigures.StillPending.Count == 0,
                    $"{reviewFigures.StillPending.Count} still PENDING (waited up to {o.ReviewWait.TotalSeconds:F0} s)"),
                Check("anonymous readers see PUBLISHED reviews only", reviews.VisibilityErrors.Count == 0,
                    reviews.VisibilityErrors.Count == 0 ? $"{reviews.Reviews.Count} reviews read anonymously" : reviews.VisibilityErrors[0]),
                Check("listing review page = published reviews", reviews.ListingPageTotal == published.Count, $"page total {reviews.ListingPageTotal}, published {published.Count}"),
                Check("seller rating = published reviews", reviews.SellerReviewCount == published.Count
                    && (mean is null ? reviews.SellerAverageRating is null or 0 : reviews.SellerAverageRating is { } avg && Math.Abs(avg - mean.Value) < 0.01),
                    $"rating {reviews.SellerReviewCount} reviews, average {Format(reviews.SellerAverageRating)}; published {published.Count}, mean {Format(mean)}"),
            ]);
        }

        return new DemoSummary(context.RunTag, startedAt, Math.Round((DateTimeOffset.UtcNow - startedAt).TotalSeconds, 1),
            new DemoSettings(o.MarketplaceUrl.ToString(), o.SandboxUrl.ToString(), o.Buyers, o.Stock, o.RequestsPerBuyer),
            flash, payments, reviewFigures, invariants);
    }

    private static ReviewFigures Figures(ReviewsResult reviews)
    {
        var list = reviews.Reviews;
        string StatusOf(SubmittedReview r) => r.Latest?.Status ?? "PENDING";
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> By(Func<SubmittedReview, string> key) =>
            list.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key,
                g => (IReadOnlyDictionary<string, int>)Statuses.ToDictionary(s => s, s => g.Count(r => StatusOf(r) == s)));
        var latencies = list.Where(r => r.Latest?.ModeratedAt is not null)
            .Select(r => (r.Latest!.ModeratedAt!.Value - r.Latest.CreatedAt).TotalMilliseconds).ToList();
        return new ReviewFigures(
            list.Count,
            Statuses.ToDictionary(s => s, s => list.Count(r => StatusOf(r) == s)),
            By(r => r.Sample.Family),
            By(r => IntentName(r.Sample.Intent)),
            [.. list.Select(r => r.Sample.Language).Distinct().Order(StringComparer.Ordinal)],
            list.Count(r => r.Latest?.LanguageFamily == r.Sample.Family),
            [.. list.Where(r => StatusOf(r) == "PENDING").Select(r => r.ReviewId)],
            new LatencyFigures(latencies.Count, Math.Round(Percentile.Of(latencies, 0.5), 1), Math.Round(Percentile.Of(latencies, 0.99), 1),
                latencies.Count == 0 ? 0 : Math.Round(latencies.Max(), 1)),
            Math.Round(reviews.WaitSeconds, 1),
            reviews.ListingPageTotal,
            reviews.SellerReviewCount,
            reviews.SellerAverageRating,
            reviews.AdminHeldQueue,
            reviews.DuplicateOutcome,
            reviews.Refused,
            reviews.VisibilityErrors);
    }

    public static string IntentName(Reviews.ReviewIntent intent) => intent switch
    {
        Reviews.ReviewIntent.Clean => "clean",
        Reviews.ReviewIntent.Abuse => "abuse",
        Reviews.ReviewIntent.Scam => "scam",
        Reviews.ReviewIntent.PersonalInfo => "personal_info",
        Reviews.ReviewIntent.Spam => "spam",
        _ => intent.ToString(),
    };

    private static InvariantResult Check(string name, bool passed, string detail) => new(name, passed, detail);

    private static string FirstFailure(FulfilmentResult f) => f.Failures.Count > 0 ? "; " + f.Failures[0] : "";

    private static string Format(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "none";
}
