using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>People's decisions: admins decide HELD reviews, authors appeal a rejection once.</summary>
public sealed class AdminReviewTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReviewsApiFactory Api => market.Api;

    [Fact]
    public async Task Only_admins_list_and_decide_and_a_publish_counts_in_the_rating_once()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.HoldText, rating: 2);
        Assert.Equal(ReviewStatuses.Held, (await order.Buyer.Client.ModeratedAsync(id)).Status);
        var admin = await Api.AdminAsync();

        using var buyerList = await order.Buyer.Client.GetAsync("/api/admin/reviews", Ct);
        using var buyerDecision = await order.Buyer.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "publish" }, Ct);
        await ProblemAssert.IsProblemAsync(buyerList, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(buyerDecision, HttpStatusCode.Forbidden, "forbidden");

        var queue = (await admin.Client.GetFromJsonAsync<ReviewPage>("/api/admin/reviews?status=HELD&pageSize=100", Ct))!;
        var queued = Assert.Single(queue.Items, r => r.Id == id);
        Assert.Equal("hold", queued.LatestVerdict!.Action);
        Assert.Equal(VerdictSources.Auto, queued.LatestVerdict.Source);
        Assert.Equal(market.Bundle.Version, queued.LatestVerdict.ModelVersion);

        using var published = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "publish", note = "fair criticism" }, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(ReviewStatuses.Published, (await published.Content.ReadFromJsonAsync<ReviewResponse>(Ct))!.Status);
        using var again = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "reject" }, Ct);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "invalid-review-transition");

        var rating = await Api.CreateClient().RatingAsync(order.Seller.Id);
        Assert.Equal(1, rating.ReviewCount);
        Assert.Equal(2, rating.AverageRating);
        Assert.Equal(1, (await Api.CreateClient().ListingReviewsAsync(order.ListingId)).Total);
        Assert.Equal(1, await Api.ScalarAsync(
            "SELECT count(*) FROM review_verdicts WHERE review_id = @id AND source = 'admin' AND action = 'allow' AND note = 'fair criticism' AND actor = @actor",
            new NpgsqlParameter("id", id), new NpgsqlParameter("actor", ReviewActors.Admin(admin.Id))));
    }

    [Fact]
    public async Task An_admin_rejection_names_the_categories_that_held_the_review()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.HoldText);
        await order.Buyer.Client.ModeratedAsync(id);
        var admin = await Api.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "reject" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = (await order.Buyer.Client.ReviewAsync(id))!;
        Assert.Equal(ReviewStatuses.Rejected, review.Status);
        Assert.Equal(["abuse"], review.RejectedCategories);
    }

    [Fact]
    public async Task Decisions_need_a_held_review_and_a_valid_body()
    {
        var order = await Api.OrderAsync();
        var published = await order.SubmitAsync(market.Bundle.AllowText);
        await order.Buyer.Client.ModeratedAsync(published);
        var admin = await Api.AdminAsync();

        using var notHeld = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{published}/decision", new { decision = "reject" }, Ct);
        using var missing = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{Guid.NewGuid()}/decision", new { decision = "reject" }, Ct);
        using var invalid = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{published}/decision", new { decision = "maybe" }, Ct);
        using var badStatus = await admin.Client.GetAsync("/api/admin/reviews?status=LOST", Ct);

        await ProblemAssert.IsProblemAsync(notHeld, HttpStatusCode.Conflict, "invalid-review-transition");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsValidationAsync(invalid, "decision");
        await ProblemAssert.IsValidationAsync(badStatus, "status");
        Assert.Equal(ReviewStatuses.Published, (await Api.CreateClient().ReviewAsync(published)).Status);
    }

    [Fact]
    public async Task The_author_appeals_a_rejection_once_and_an_admin_then_decides()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.RejectText, rating: 1);
        Assert.Equal(ReviewStatuses.Rejected, (await order.Buyer.Client.ModeratedAsync(id)).Status);
        var stranger = await Api.NewBuyerAsync();

        using var byStranger = await stranger.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);
        using var appeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);
        using var secondAppeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);

        await ProblemAssert.IsProblemAsync(byStranger, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        var appealed = (await appeal.Content.ReadFromJsonAsync<ReviewResponse>(Ct))!;
        Assert.Equal(ReviewStatuses.Held, appealed.Status);
        Assert.True(appealed.Appealed);
        await ProblemAssert.IsProblemAsync(secondAppeal, HttpStatusCode.Conflict, "appeal-not-allowed");
        Assert.Equal(1, await Api.VerdictCountAsync(id, VerdictSources.Appeal));

        var admin = await Api.AdminAsync();
        using var rejected = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{id}/decision", new { decision = "reject", note = "still abusive" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        using var thirdAppeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);
        await ProblemAssert.IsProblemAsync(thirdAppeal, HttpStatusCode.Conflict, "appeal-not-allowed");
    }

    [Fact]
    public async Task A_published_review_cannot_be_appealed()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.AllowText);
        await order.Buyer.Client.ModeratedAsync(id);

        using var response = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "appeal-not-allowed");
    }
}
