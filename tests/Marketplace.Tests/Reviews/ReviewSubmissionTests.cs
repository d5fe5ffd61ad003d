using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Reviews;

/// <summary>Who may review which order, and what a review must look like.</summary>
public sealed class ReviewSubmissionTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private ReviewsApiFactory Api => market.Api;

    [Theory]
    [InlineData(0, "fine", "rating")]
    [InlineData(6, "fine", "rating")]
    [InlineData(5, "   ", "text")]
    [InlineData(5, "", "text")]
    public async Task Invalid_reviews_are_400_validation(int rating, string text, string field)
    {
        var order = await Api.OrderAsync();

        using var response = await order.Buyer.Client.PostReviewAsync(order.OrderId, new { rating, text });

        await ProblemAssert.IsValidationAsync(response, field);
    }

    [Fact]
    public async Task Text_over_2000_characters_and_a_missing_rating_are_400_validation()
    {
        var order = await Api.OrderAsync();

        using var response = await order.Buyer.Client.PostReviewAsync(order.OrderId, new { text = new string('a', 2001) });

        await ProblemAssert.IsValidationAsync(response, "rating", "text");
    }

    [Fact]
    public async Task Anonymous_submit_is_401()
    {
        var order = await Api.OrderAsync();

        using var response = await Api.CreateClient().PostReviewAsync(order.OrderId, new { rating = 5, text = "good" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Someone_elses_order_and_a_missing_order_are_both_404()
    {
        var order = await Api.OrderAsync();
        var stranger = await Api.NewBuyerAsync();

        using var notTheBuyer = await stranger.Client.PostReviewAsync(order.OrderId, new { rating = 5, text = "good" });
        using var theSeller = await order.Seller.Client.PostReviewAsync(order.OrderId, new { rating = 5, text = "good" });
        using var missing = await stranger.Client.PostReviewAsync(Guid.NewGuid(), new { rating = 5, text = "good" });

        await ProblemAssert.IsProblemAsync(notTheBuyer, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(theSeller, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, await Api.ScalarAsync("SELECT count(*) FROM reviews WHERE order_id = @id", new Npgsql.NpgsqlParameter("id", order.OrderId)));
    }

    [Theory]
    [InlineData("PENDING_PAYMENT")]
    [InlineData("PAID")]
    [InlineData("CANCELLED")]
    [InlineData("REFUNDED")]
    public async Task An_order_not_yet_shipped_or_no_longer_valid_is_409_order_not_reviewable(string state)
    {
        var order = await Api.OrderAsync(state);

        using var response = await order.Buyer.Client.PostReviewAsync(order.OrderId, new { rating = 4, text = "good" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "order-not-reviewable");
    }

    [Fact]
    public async Task A_completed_order_can_be_reviewed_once_then_409_review_exists()
    {
        var order = await Api.OrderAsync("COMPLETED");
        var first = await order.SubmitAsync(market.Bundle.AllowText);

        using var second = await order.Buyer.Client.PostReviewAsync(order.OrderId, new { rating = 1, text = "changed my mind" });

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "review-exists");
        Assert.Equal(1, await Api.ScalarAsync("SELECT count(*) FROM reviews WHERE order_id = @id", new Npgsql.NpgsqlParameter("id", order.OrderId)));
        Assert.NotEqual(Guid.Empty, first);
    }

    [Fact]
    public async Task Concurrent_submits_for_one_order_store_exactly_one_review()
    {
        var order = await Api.OrderAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            order.Buyer.Client.PostReviewAsync(order.OrderId, new { rating = 3, text = $"attempt {i}" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await Api.ScalarAsync("SELECT count(*) FROM reviews WHERE order_id = @id", new Npgsql.NpgsqlParameter("id", order.OrderId)));
    }
}
