using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>Review calls through the public HTTP API, and the set-up they need.</summary>
internal static class ReviewsApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A seller's listing bought by a new buyer, the order moved on to <paramref name="state"/> in PostgreSQL.</summary>
    public static async Task<ReviewableOrder> OrderAsync(this ReviewsApiFactory api, string state = "SHIPPED", TestUser? seller = null)
    {
        seller ??= await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 50));
        var order = await buyer.Client.BuyAsync(listing.Id);
        await api.ExecuteAsync("UPDATE orders SET state = @state WHERE id = @id",
            new NpgsqlParameter("state", state), new NpgsqlParameter("id", order.Id));
        return new ReviewableOrder(seller, buyer, listing.Id, order.Id);
    }

    /// <summary>Another buyer's order of the same listing.</summary>
    public static async Task<ReviewableOrder> AnotherOrderAsync(this ReviewsApiFactory api, ReviewableOrder first)
    {
        var buyer = await api.NewBuyerAsync();
        var order = await buyer.Client.BuyAsync(first.ListingId);
        await api.ExecuteAsync("UPDATE orders SET state = 'SHIPPED' WHERE id = @id", new NpgsqlParameter("id", order.Id));
        return first with { Buyer = buyer, OrderId = order.Id };
    }

    public static Task<HttpResponseMessage> PostReviewAsync(this HttpClient client, Guid orderId, object body) =>
        client.PostAsJsonAsync($"/api/orders/{orderId}/reviews", body, Ct);

    public static async Task<Guid> SubmitAsync(this ReviewableOrder order, string text, int rating = 5)
    {
        using var response = await order.Buyer.Client.PostReviewAsync(order.OrderId, new { rating, text });
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit: {(int)response.StatusCode} {body}");
        var submitted = (await response.Content.ReadFromJsonAsync<SubmittedReview>(Ct))!;
        Assert.Equal("PENDING", submitted.Status);
        return submitted.ReviewId;
    }

    public static async Task<ReviewResponse> ReviewAsync(this HttpClient client, Guid reviewId)
    {
        using var response = await client.GetAsync($"/api/reviews/{reviewId}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewResponse>(Ct))!;
    }

    /// <summary>Polls (as the author) until the review has left PENDING; the worker moderates asynchronously.</summary>
    public static async Task<ReviewResponse> ModeratedAsync(this HttpClient author, Guid reviewId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var review = await author.ReviewAsync(reviewId);
            if (review.Status != ReviewStatuses.Pending)
            {
                return review;
            }

            Assert.True(DateTime.UtcNow < deadline, $"review {reviewId} still PENDING, {review.Text.Length} chars");
            await Task.Delay(50, Ct);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached in time: " + what);
            await Task.Delay(50, Ct);
        }
    }

    public static async Task<ReviewPage> ListingReviewsAsync(this HttpClient client, Guid listingId, string query = "")
    {
        using var response = await client.GetAsync($"/api/listings/{listingId}/reviews{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewPage>(Ct))!;
    }

    public static async Task<SellerRatingResponse> RatingAsync(this HttpClient client, Guid sellerId) =>
        (await client.GetFromJsonAsync<SellerRatingResponse>($"/api/sellers/{sellerId}/rating", Ct))!;

    /// <summary>Audit rows of one review by source.</summary>
    public static Task<long> VerdictCountAsync(this ReviewsApiFactory api, Guid reviewId, string source) =>
        api.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE review_id = @id AND source = @source",
            new NpgsqlParameter("id", reviewId), new NpgsqlParameter("source", source));
}

internal sealed record ReviewableOrder(TestUser Seller, TestUser Buyer, Guid ListingId, Guid OrderId);
