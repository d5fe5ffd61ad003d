using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Marketplace.Demo.Reviews;
using Marketplace.Demo.Wire;

namespace Marketplace.Demo.Phases;

/// <summary>
/// Each completed order's buyer reviews it with one of <see cref="ReviewSamples"/> (in turn); the demo
/// waits, boundedly, until no review is PENDING, then reads what the public sees: each review alone,
/// the listing's review page and the seller's rating.
/// </summary>
public static class ReviewsPhase
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<ReviewsResult> RunAsync(DemoContext context, Cast cast, FlashSaleResult sale, IReadOnlyList<SaleOrder> orders, CancellationToken ct)
    {
        var api = context.Marketplace;
        var submitted = new ConcurrentBag<SubmittedReview>();
        var refused = new ConcurrentQueue<string>();
        await Steps.RunAsync($"reviews: {orders.Count} buyers review their order", orders.Count, async task =>
        {
            await Steps.ForEachAsync(orders.Select((o, i) => (Order: o, Sample: ReviewSamples.All[i % ReviewSamples.All.Count])), context.Options.Concurrency, task, async (r, token) =>
            {
                var answer = await api.PostAsync($"/api/orders/{r.Order.OrderId}/reviews", new ReviewBody(r.Sample.Rating, r.Sample.Text), r.Order.Buyer.Token, token);
                if (answer.Status == HttpStatusCode.NotFound && answer.ProblemType is null)
                {
                    throw new DemoAbortedException("the marketplace has no reviews API (POST /api/orders/{id}/reviews is 404); run with --skip-reviews");
                }

                var accepted = answer.Status == HttpStatusCode.Accepted ? answer.Read<ReviewAccepted>() : null;
                if (accepted is null || accepted.Status != "PENDING")
                {
                    refused.Enqueue(answer.Describe());
                    return;
                }

                submitted.Add(new SubmittedReview(r.Order, r.Sample, accepted.ReviewId, null));
            }, ct);
            return 0;
        });

        string? duplicate = null;
        if (orders.Count > 0)
        {
            var again = await api.PostAsync($"/api/orders/{orders[0].OrderId}/reviews", new ReviewBody(5, "Posting a second review of the same order."), orders[0].Buyer.Token, ct);
            duplicate = again.Outcome;
        }

        var clock = Stopwatch.StartNew();
        var reviews = await WaitForVerdictsAsync(context, [.. submitted], ct);
        var waited = clock.Elapsed.TotalSeconds;

        var visibility = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(reviews, new ParallelOptions { MaxDegreeOfParallelism = context.Options.Concurrency, CancellationToken = ct }, async (r, token) =>
        {
            var anonymous = await api.GetAsync($"/api/reviews/{r.ReviewId}", null, token);
            var published = r.Latest?.Status == "PUBLISHED";
            if (published != (anonymous.Status == HttpStatusCode.OK) || (!published && anonymous.Status != HttpStatusCode.NotFound))
            {
                visibility.Enqueue($"review {r.ReviewId} ({r.Latest?.Status}) answered {anonymous.Code} to an anonymous reader");
            }
        });

        // The listing page is cached and invalidated on publish; it is read until it agrees or a few seconds passed.
        var publishedCount = reviews.Count(r => r.Latest?.Status == "PUBLISHED");
        var pageTotal = -1;
        for (var attempt = 0; attempt < 20 && pageTotal != publishedCount; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(PollInterval, ct);
            }

            pageTotal = (await api.GetAsync($"/api/listings/{sale.ListingId}/reviews?page=1&pageSize=100", null, ct)).Expect<ReviewPageView>(HttpStatusCode.OK).Total;
        }

        var rating = (await api.GetAsync($"/api/sellers/{cast.Seller.Id}/rating", null, ct)).Expect<SellerRatingView>(HttpStatusCode.OK);
        var held = (await api.GetAsync("/api/admin/reviews?status=HELD&page=1&pageSize=1", cast.Admin.Token, ct)).Expect<ReviewPageView>(HttpStatusCode.OK);
        return new ReviewsResult
        {
            Reviews = reviews,
            Refused = [.. refused.Take(5)],
            DuplicateOutcome = duplicate,
            VisibilityErrors = [.. visibility.Take(5)],
            ListingPageTotal = pageTotal,
            SellerReviewCount = rating.ReviewCount,
            SellerAverageRating = rating.AverageRating,
            AdminHeldQueue = held.Total,
            WaitSeconds = waited,
        };
    }

    /// <summary>Reads every review (as its author) until none is PENDING or <see cref="DemoOptions.ReviewWait"/> ends.</summary>
    private static async Task<IReadOnlyList<SubmittedReview>> WaitForVerdictsAsync(DemoContext context, IReadOnlyList<SubmittedReview> reviews, CancellationToken ct)
    {
        var latest = new ConcurrentDictionary<Guid, ReviewView>();
        await Steps.RunAsync($"reviews: {reviews.Count} reviews moderated", reviews.Count, async task =>
        {
            var deadline = DateTime.UtcNow + context.Options.ReviewWait;
            var pending = reviews.ToList();
            while (pending.Count > 0)
            {
                var still = new ConcurrentBag<SubmittedReview>();
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = context.Options.Concurrency, CancellationToken = ct }, async (r, token) =>
                {
                    var view = (await context.Marketplace.GetAsync($"/api/reviews/{r.ReviewId}", r.Order.Buyer.Token, token)).Expect<ReviewView>(HttpStatusCode.OK);
                    latest[r.ReviewId] = view;
                    if (view.Status == "PENDING")
                    {
                        still.Add(r);
                    }
                    else
                    {
                        task.Increment(1);
                    }
                });
                pending = [.. still];
                if (pending.Count == 0 || DateTime.UtcNow >= deadline)
                {
                    break;
                }

                await Task.Delay(PollInterval, ct);
            }

            return 0;
        });
        return [.. reviews.Select(r => r with { Latest = latest.GetValueOrDefault(r.ReviewId) })];
    }
}
