using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// The moderation console's and the order page's reads: an order's review for its parties, a review's audit trail
/// for admins, and the HELD queue split into appeals waiting for a decision and the rest.
/// </summary>
public sealed class ReviewReadTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReviewsApiFactory Api => market.Api;

    [Fact]
    public async Task An_orders_review_is_the_buyers_in_every_status_and_the_sellers_once_published()
    {
        var order = await Api.OrderAsync();
        var stranger = await Api.NewBuyerAsync();
        var admin = await Api.AdminAsync();
        using var none = await order.Buyer.Client.GetAsync($"/api/orders/{order.OrderId}/review", Ct);
        var id = await order.SubmitAsync(market.Bundle.RejectText, rating: 1);
        Assert.Equal(ReviewStatuses.Rejected, (await order.Buyer.Client.ModeratedAsync(id)).Status);

        var byBuyer = await OrderReviewAsync(order.Buyer.Client, order.OrderId);
        using var bySellerRejected = await order.Seller.Client.GetAsync($"/api/orders/{order.OrderId}/review", Ct);
        using var byStranger = await stranger.Client.GetAsync($"/api/orders/{order.OrderId}/review", Ct);
        using var byAdmin = await admin.Client.GetAsync($"/api/orders/{order.OrderId}/review", Ct);
        using var anonymous = await Api.CreateClient().GetAsync($"/api/orders/{order.OrderId}/review", Ct);
        using var missingOrder = await order.Buyer.Client.GetAsync($"/api/orders/{Guid.NewGuid()}/review", Ct);

        var noReview = await ProblemAssert.IsProblemAsync(none, HttpStatusCode.NotFound, "no-review");
        Assert.Contains("no review yet", noReview.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((id, ReviewStatuses.Rejected, order.Buyer.Id), (byBuyer.Id, byBuyer.Status, byBuyer.AuthorId));
        Assert.Equal(["abuse"], byBuyer.RejectedCategories);
        // The seller learns nothing moderation kept back: an unpublished review reads as none.
        var hidden = await ProblemAssert.IsProblemAsync(bySellerRejected, HttpStatusCode.NotFound, "no-review");
        Assert.Contains("no published review", hidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(market.Bundle.RejectText, hidden.ToString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(byStranger, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(byAdmin, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(missingOrder, HttpStatusCode.NotFound, "not-found");

        // Appealed and published by an admin: now the seller reads it too, without the author's view of the rejection.
        using (var appeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        }

        using (var publish = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "publish" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        var bySeller = await OrderReviewAsync(order.Seller.Client, order.OrderId);
        Assert.Equal((id, ReviewStatuses.Published, market.Bundle.RejectText), (bySeller.Id, bySeller.Status, bySeller.Text));
        Assert.Null(bySeller.RejectedCategories);
        Assert.Equal([], (await OrderReviewAsync(order.Buyer.Client, order.OrderId)).RejectedCategories);
    }

    [Fact]
    public async Task A_reviews_history_is_every_verdict_and_decision_oldest_first_for_admins_only()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.RejectText, rating: 1);
        await order.Buyer.Client.ModeratedAsync(id);
        var admin = await Api.AdminAsync();
        using (var appeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        }

        using (var decision = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "reject", note = "still abusive" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        }

        using var response = await admin.Client.GetAsync($"/api/admin/reviews/{id}/history", Ct);
        using var byAuthor = await order.Buyer.Client.GetAsync($"/api/admin/reviews/{id}/history", Ct);
        using var unknown = await admin.Client.GetAsync($"/api/admin/reviews/{Guid.NewGuid()}/history", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = (await response.Content.ReadFromJsonAsync<List<VerdictResponse>>(Ct))!;
        Assert.Equal([("reject", "auto"), ("hold", "appeal"), ("reject", "admin")], history.Select(v => (v.Action, v.Source)));
        var model = history[0];
        Assert.Equal((market.Bundle.Version, ReviewActors.Moderation), (model.ModelVersion, model.Actor));
        Assert.False(string.IsNullOrEmpty(model.FamilyLabel));
        Assert.NotNull(model.FamilyScore);
        Assert.NotNull(model.Categories);
        Assert.Equal((ReviewActors.Author(order.Buyer.Id), (string?)null, (ReviewScores?)null), (history[1].Actor, history[1].ModelVersion, history[1].Categories));
        Assert.Equal((ReviewActors.Admin(admin.Id), "still abusive"), (history[2].Actor, history[2].Note));
        Assert.True(history[0].CreatedAt <= history[1].CreatedAt && history[1].CreatedAt <= history[2].CreatedAt);
        // As serialized: camelCase, the five scores under their taxonomy names.
        var first = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement[0];
        Assert.Equal(["abuse", "personal_info", "scam", "sexual", "spam"],
            first.GetProperty("categories").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(first.TryGetProperty("modelVersion", out _) && first.TryGetProperty("familyLabel", out _) && first.TryGetProperty("createdAt", out _));
        await ProblemAssert.IsProblemAsync(byAuthor, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Appealed_true_lists_appeals_awaiting_a_decision_and_false_the_rest_of_the_held_queue()
    {
        var admin = await Api.AdminAsync();
        var held = await ModeratedAsync(market.Bundle.HoldText);
        var awaiting = await ModeratedAsync(market.Bundle.RejectText);
        var decided = await ModeratedAsync(market.Bundle.RejectText);
        foreach (var (order, id) in new[] { awaiting, decided })
        {
            using var appeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);
            Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        }

        using (var publish = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{decided.Id}/decision", new { decision = "publish" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        // Re-moderation pulls the published appeal back to HELD: still marked appealed, but the appeal was decided.
        await Api.ExecuteAsync("UPDATE reviews SET status = 'HELD' WHERE id = @id", new NpgsqlParameter("id", decided.Id));
        await Api.ExecuteAsync("""
            INSERT INTO review_verdicts (review_id, action, source, note, actor, created_at)
            VALUES (@id, 'reject', 'remoderation', 'pulled back to HELD', 'system:remoderation', now())
            """, new NpgsqlParameter("id", decided.Id));

        var appeals = await QueueAsync(admin.Client, "appealed=true");
        var others = await QueueAsync(admin.Client, "status=held&appealed=false");
        var all = await QueueAsync(admin.Client, "");

        var mine = new[] { held.Id, awaiting.Id, decided.Id };
        Assert.Equal([awaiting.Id], appeals.Items.Select(r => r.Id).Intersect(mine));
        Assert.All(appeals.Items, r => Assert.True(r.Appealed && r.Status == ReviewStatuses.Held));
        Assert.Equal("appeal", appeals.Items.Single(r => r.Id == awaiting.Id).LatestVerdict!.Source);
        Assert.Equal([held.Id, decided.Id], others.Items.Select(r => r.Id).Intersect(mine));
        Assert.Equal(all.Total, appeals.Total + others.Total);
        await ProblemAssert.IsValidationAsync(await admin.Client.GetAsync("/api/admin/reviews?appealed=yes", Ct), "appealed");
        await ProblemAssert.IsValidationAsync(await admin.Client.GetAsync("/api/admin/reviews?status=REJECTED&appealed=true", Ct), "appealed");
    }

    private async Task<(ReviewableOrder Order, Guid Id)> ModeratedAsync(string text)
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(text);
        await order.Buyer.Client.ModeratedAsync(id);
        return (order, id);
    }

    private static async Task<ReviewPage> QueueAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync("/api/admin/reviews?pageSize=100&" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewPage>(Ct))!;
    }

    private static async Task<ReviewResponse> OrderReviewAsync(HttpClient client, Guid orderId)
    {
        using var response = await client.GetAsync($"/api/orders/{orderId}/review", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<ReviewResponse>(body, JsonSerializerOptions.Web)!;
    }
}
