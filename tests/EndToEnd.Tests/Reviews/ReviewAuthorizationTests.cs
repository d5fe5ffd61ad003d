using System.Net;
using System.Net.Http.Json;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;
using Moderation.Contracts;

namespace EndToEnd.Tests.Reviews;

/// <summary>Who may review, see, appeal and decide: checked against the running marketplace with real tokens.</summary>
[Collection(ReviewsPlatform.Name)]
public sealed class ReviewAuthorizationTests(Platform platform) : PlatformTest(platform)
{
    [Fact]
    public async Task Only_the_buyer_reviews_a_shipped_order_and_only_once()
    {
        var seller = await Platform.NewSellerAsync();
        var buyer = await Platform.NewBuyerAsync();
        var stranger = await Platform.NewBuyerAsync();
        var listing = await seller.CreateListingAsync();
        var unpaid = await buyer.BuyAsync(listing.Id);
        var shipped = await Platform.ShippedOrderAsync(seller, buyer, listing.Id);
        using var anonymous = Platform.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostReviewAsync(shipped.Id, 5, "great")).StatusCode);
        // Someone else's order is not found (its existence is not revealed), the seller's own sale included.
        await Expect.ProblemAsync(await stranger.Client.PostReviewAsync(shipped.Id, 5, "great"), HttpStatusCode.NotFound, "not-found");
        await Expect.ProblemAsync(await seller.Client.PostReviewAsync(shipped.Id, 5, "great"), HttpStatusCode.NotFound, "not-found");
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(Guid.NewGuid(), 5, "great"), HttpStatusCode.NotFound, "not-found");
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(unpaid.Id, 5, "great"), HttpStatusCode.Conflict, "order-not-reviewable");
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(shipped.Id, 0, "great"), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(shipped.Id, 6, "great"), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(shipped.Id, 5, "   "), HttpStatusCode.BadRequest, "validation");
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(shipped.Id, 5, new string('a', 2001)), HttpStatusCode.BadRequest, "validation");

        await buyer.ReviewAsync(shipped.Id, 5, ReviewTexts.EnglishPraise.Text);
        await Expect.ProblemAsync(await buyer.Client.PostReviewAsync(shipped.Id, 4, "second thoughts"), HttpStatusCode.Conflict, "review-exists");
    }

    [Fact]
    public async Task Held_and_rejected_reviews_are_hidden_from_others_only_admins_decide_and_a_rejection_is_appealed_once()
    {
        var (_, verdicts) = await ServiceVerdicts.AskAsync(Platform, ReviewTexts.All);
        var held = verdicts.First(v => v.Value.Action == ModerationAction.Hold).Key;
        var rejected = verdicts.First(v => v.Value.Action == ModerationAction.Reject).Key;
        var seller = await Platform.NewSellerAsync();
        var buyer = await Platform.NewBuyerAsync();
        var stranger = await Platform.NewBuyerAsync();
        var admin = await Platform.AdminAsync();
        var listing = await seller.CreateListingAsync();
        var heldId = await buyer.ReviewAsync((await Platform.ShippedOrderAsync(seller, buyer, listing.Id)).Id, held.Rating, held.Text);
        var rejectedId = await buyer.ReviewAsync((await Platform.ShippedOrderAsync(seller, buyer, listing.Id)).Id, rejected.Rating, rejected.Text);
        Assert.Equal("HELD", (await buyer.WaitModeratedAsync(heldId)).Status);
        var rejectedReview = await buyer.WaitModeratedAsync(rejectedId);
        Assert.Equal("REJECTED", rejectedReview.Status);
        Assert.NotEmpty(rejectedReview.RejectedCategories!);
        using var anonymous = Platform.Anonymous();

        // Hidden from everyone but the author and admins.
        foreach (var id in new[] { heldId, rejectedId })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetReviewResponseAsync(id)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetReviewResponseAsync(id)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await seller.Client.GetReviewResponseAsync(id)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetReviewResponseAsync(id)).StatusCode);
        }

        Assert.Equal(rejectedReview.RejectedCategories, (await admin.Client.GetReviewAsync(rejectedId)).RejectedCategories);
        Assert.Equal(0, (await anonymous.ListingReviewsAsync(listing.Id)).Total);

        // Only admins see the queue and decide.
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.AdminReviewsAsync("HELD")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.Client.DecideAsync(heldId, "publish")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.DecideAsync(heldId, "publish")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DecideAsync(heldId, "publish")).StatusCode);
        var queue = await admin.Client.AdminReviewsAsync("HELD");
        await Expect.StatusAsync(queue, HttpStatusCode.OK);
        Assert.Contains(heldId, (await queue.Content.ReadFromJsonAsync<ReviewPageView>(Ct))!.Items.Select(i => i.Id));

        // An appeal: only the author's, only of a rejection, only once; it goes back to a person (HELD).
        await Expect.ProblemAsync(await buyer.Client.AppealAsync(heldId), HttpStatusCode.Conflict, "appeal-not-allowed");
        Assert.False((await stranger.Client.AppealAsync(rejectedId)).IsSuccessStatusCode);
        var appeal = await buyer.Client.AppealAsync(rejectedId);
        await Expect.StatusAsync(appeal, HttpStatusCode.OK);
        var appealed = (await appeal.Content.ReadFromJsonAsync<ReviewView>(Ct))!;
        Assert.Equal(("HELD", true), (appealed.Status, appealed.Appealed));
        await Expect.ProblemAsync(await buyer.Client.AppealAsync(rejectedId), HttpStatusCode.Conflict, "appeal-not-allowed");

        // The admin publishes the appealed review and rejects the held one; a decided review takes no second decision.
        var publish = await admin.Client.DecideAsync(rejectedId, "publish");
        await Expect.StatusAsync(publish, HttpStatusCode.OK);
        Assert.Equal("PUBLISHED", (await publish.Content.ReadFromJsonAsync<ReviewView>(Ct))!.Status);
        var reject = await admin.Client.DecideAsync(heldId, "reject");
        await Expect.StatusAsync(reject, HttpStatusCode.OK);
        Assert.Equal("REJECTED", (await reject.Content.ReadFromJsonAsync<ReviewView>(Ct))!.Status);
        await Expect.ProblemAsync(await admin.Client.DecideAsync(rejectedId, "reject"), HttpStatusCode.Conflict, "invalid-review-transition");

        var listed = await anonymous.ListingReviewsAsync(listing.Id);
        Assert.Equal([rejectedId], listed.Items.Select(i => i.Id));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetReviewResponseAsync(rejectedId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetReviewResponseAsync(heldId)).StatusCode);
        var rating = await anonymous.SellerRatingAsync(seller.UserId);
        Assert.Equal((1, (double)rejected.Rating), (rating.ReviewCount, rating.AverageRating!.Value));
    }
}
