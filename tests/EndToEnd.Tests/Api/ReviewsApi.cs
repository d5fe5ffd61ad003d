using System.Net;
using System.Net.Http.Json;
using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Api;

/// <summary>The reviews API as its users call it: buyers review orders, anyone reads published ones, admins decide.</summary>
public static class ReviewsApi
{
    public static Task<HttpResponseMessage> PostReviewAsync(this HttpClient client, Guid orderId, int rating, string text) =>
        client.PostAsJsonAsync($"/api/orders/{orderId}/reviews", new { rating, text });

    public static async Task<Guid> ReviewAsync(this Session buyer, Guid orderId, int rating, string text)
    {
        var response = await buyer.Client.PostReviewAsync(orderId, rating, text);
        await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        var submitted = (await response.Content.ReadFromJsonAsync<SubmittedReviewView>())!;
        Assert.Equal("PENDING", submitted.Status);
        return submitted.ReviewId;
    }

    public static Task<HttpResponseMessage> GetReviewResponseAsync(this HttpClient client, Guid reviewId) =>
        client.GetAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative));

    public static async Task<ReviewView> GetReviewAsync(this HttpClient client, Guid reviewId)
    {
        var response = await client.GetReviewResponseAsync(reviewId);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ReviewView>())!;
    }

    /// <summary>Waits until the review has left PENDING, as its author sees it.</summary>
    public static Task<ReviewView> WaitModeratedAsync(this Session author, Guid reviewId) =>
        Eventually.ValueAsync(() => author.Client.GetReviewAsync(reviewId), r => r.Status != "PENDING", $"review {reviewId} moderated");

    public static async Task<ReviewPageView> ListingReviewsAsync(this HttpClient client, Guid listingId, int pageSize = 100)
    {
        var response = await client.GetAsync(new Uri($"/api/listings/{listingId}/reviews?page=1&pageSize={pageSize}", UriKind.Relative));
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ReviewPageView>())!;
    }

    public static async Task<SellerRatingView> SellerRatingAsync(this HttpClient client, Guid sellerId)
    {
        var response = await client.GetAsync(new Uri($"/api/sellers/{sellerId}/rating", UriKind.Relative));
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<SellerRatingView>())!;
    }

    public static Task<HttpResponseMessage> AppealAsync(this HttpClient client, Guid reviewId) =>
        client.PostAsync(new Uri($"/api/reviews/{reviewId}/appeal", UriKind.Relative), null);

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, Guid reviewId, string decision, string note = "checked by a person") =>
        client.PostAsJsonAsync($"/api/admin/reviews/{reviewId}/decision", new { decision, note });

    public static Task<HttpResponseMessage> AdminReviewsAsync(this HttpClient client, string status) =>
        client.GetAsync(new Uri($"/api/admin/reviews?status={status}&page=1&pageSize=100", UriKind.Relative));

    /// <summary>The status a review must end in for the service's action on its text.</summary>
    public static string StatusFor(Moderation.Contracts.ModerationAction action) => action switch
    {
        Moderation.Contracts.ModerationAction.Allow => "PUBLISHED",
        Moderation.Contracts.ModerationAction.Hold => "HELD",
        Moderation.Contracts.ModerationAction.Reject => "REJECTED",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
