using System.Net;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>Reviews moderated by the real inference service: each action's status, and who sees what.</summary>
public sealed class ReviewModerationTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private ReviewsApiFactory Api => market.Api;

    [Fact]
    public async Task Allow_publishes_with_scores_family_and_model_version_and_one_auto_verdict()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.AllowText, rating: 4);

        var review = await order.Buyer.Client.ModeratedAsync(id);

        Assert.Equal(ReviewStatuses.Published, review.Status);
        Assert.Equal(market.Bundle.Version, review.ModelVersion);
        Assert.NotNull(review.Categories);
        Assert.NotNull(review.LanguageFamily);
        Assert.NotNull(review.ModeratedAt);
        Assert.Empty(review.RejectedCategories!);
        Assert.Equal(1, await Api.VerdictCountAsync(id, VerdictSources.Auto));
        // Published: anyone sees it, without the author-only fields.
        var anonymous = await Api.CreateClient().ReviewAsync(id);
        Assert.Equal(ReviewStatuses.Published, anonymous.Status);
        Assert.Null(anonymous.RejectedCategories);
    }

    [Fact]
    public async Task Hold_holds_and_reject_rejects_with_the_categories_shown_to_the_author_only()
    {
        var held = await Api.OrderAsync();
        var rejected = await Api.OrderAsync();
        var heldId = await held.SubmitAsync(market.Bundle.HoldText);
        var rejectedId = await rejected.SubmitAsync(market.Bundle.RejectText, rating: 1);

        Assert.Equal(ReviewStatuses.Held, (await held.Buyer.Client.ModeratedAsync(heldId)).Status);
        var rejection = await rejected.Buyer.Client.ModeratedAsync(rejectedId);

        Assert.Equal(ReviewStatuses.Rejected, rejection.Status);
        Assert.Equal(["abuse"], rejection.RejectedCategories);
        Assert.True(rejection.Categories!.Abuse > 0);
        var admin = await (await Api.AdminAsync()).Client.ReviewAsync(rejectedId);
        Assert.Equal(["abuse"], admin.RejectedCategories);
        Assert.Equal("reject", await ActionAsync(rejectedId));
        Assert.Equal("hold", await ActionAsync(heldId));
    }

    [Fact]
    public async Task Reviews_not_published_are_404_to_everyone_but_the_author_and_admins()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.RejectText);
        await order.Buyer.Client.ModeratedAsync(id);

        foreach (var client in new[] { Api.CreateClient(), (await Api.NewBuyerAsync()).Client, order.Seller.Client })
        {
            using var response = await client.GetAsync($"/api/reviews/{id}", TestContext.Current.CancellationToken);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Equal(ReviewStatuses.Rejected, (await order.Buyer.Client.ReviewAsync(id)).Status);
    }

    [Fact]
    public async Task A_pending_review_has_no_categories_and_is_404_to_others()
    {
        var order = await Api.OrderAsync();
        // Straight into the table, due in an hour, so the worker leaves it PENDING while the test reads it.
        var id = Guid.NewGuid();
        await Api.ExecuteAsync("""
            INSERT INTO reviews (id, order_id, listing_id, seller_id, author_id, rating, text, status, created_at, next_attempt_at,
                                 attempts, flagged_categories, rejected_categories, appealed)
            VALUES (@id, @order, @listing, @seller, @author, 5, 'later', 'PENDING', now(), now() + interval '1 hour', 0, '{}', '{}', false)
            """,
            new NpgsqlParameter("id", id), new NpgsqlParameter("order", order.OrderId), new NpgsqlParameter("listing", order.ListingId),
            new NpgsqlParameter("seller", order.Seller.Id), new NpgsqlParameter("author", order.Buyer.Id));

        var mine = await order.Buyer.Client.ReviewAsync(id);
        using var theirs = await Api.CreateClient().GetAsync($"/api/reviews/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(ReviewStatuses.Pending, mine.Status);
        Assert.Null(mine.Categories);
        Assert.Null(mine.ModelVersion);
        await ProblemAssert.IsProblemAsync(theirs, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_text_the_service_refuses_is_held_for_a_person_and_does_not_block_the_rest_of_its_batch()
    {
        // The service takes at most 1000 characters per text here; the marketplace accepts 2000.
        var refused = await Api.OrderAsync();
        var others = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Api.OrderAsync()));
        var refusedId = await refused.SubmitAsync(new string('x', 1500));
        var otherIds = await Task.WhenAll(others.Select(o => o.SubmitAsync(market.Bundle.AllowText)));

        var held = await refused.Buyer.Client.ModeratedAsync(refusedId);

        Assert.Equal(ReviewStatuses.Held, held.Status);
        Assert.Null(held.ModelVersion);
        for (var i = 0; i < others.Length; i++)
        {
            Assert.Equal(ReviewStatuses.Published, (await others[i].Buyer.Client.ModeratedAsync(otherIds[i])).Status);
        }

        Assert.Equal(1, await Api.ScalarAsync(
            "SELECT count(*) FROM review_verdicts WHERE review_id = @id AND source = 'auto' AND action = 'hold' AND note LIKE 'inference refused the text%'",
            new NpgsqlParameter("id", refusedId)));
    }

    private async Task<string> ActionAsync(Guid reviewId)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(Api.DatabaseName));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT action FROM review_verdicts WHERE review_id = @id AND source = 'auto'", connection);
        command.Parameters.AddWithValue("id", reviewId);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
