using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>A listing's published reviews through the read cache, and the seller's aggregate.</summary>
public sealed class ListingReviewsTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private ReviewsApiFactory Api => market.Api;

    [Fact]
    public async Task Listing_reviews_are_published_only_newest_first_and_paged()
    {
        var first = await Api.OrderAsync();
        var orders = new List<ReviewableOrder> { first };
        for (var i = 0; i < 3; i++)
        {
            orders.Add(await Api.AnotherOrderAsync(first));
        }

        var ids = new List<Guid>();
        foreach (var (order, text) in orders.Zip([market.Bundle.AllowText, market.Bundle.RejectText, market.Bundle.AllowText, market.Bundle.AllowText]))
        {
            var id = await order.SubmitAsync(text);
            await order.Buyer.Client.ModeratedAsync(id);
            ids.Add(id);
        }

        var anonymous = Api.CreateClient();
        var all = await anonymous.ListingReviewsAsync(first.ListingId);
        var second = await anonymous.ListingReviewsAsync(first.ListingId, "?page=2&pageSize=2");

        Assert.Equal(3, all.Total);
        Assert.Equal([ids[3], ids[2], ids[0]], all.Items.Select(r => r.Id));
        Assert.All(all.Items, r => Assert.Equal(ReviewStatuses.Published, r.Status));
        Assert.Equal([ids[0]], second.Items.Select(r => r.Id));
        Assert.Equal(3, second.Total);
    }

    [Fact]
    public async Task A_cached_listing_page_shows_a_new_publish_after_invalidation()
    {
        var first = await Api.OrderAsync();
        var firstId = await first.SubmitAsync(market.Bundle.AllowText);
        await first.Buyer.Client.ModeratedAsync(firstId);
        var anonymous = Api.CreateClient();
        Assert.Equal(1, (await anonymous.ListingReviewsAsync(first.ListingId)).Total);
        // The snapshot is cached now: a row changed behind the cache's back is not seen...
        await Api.ExecuteAsync("UPDATE reviews SET text = 'edited behind the cache' WHERE id = @id", new NpgsqlParameter("id", firstId));
        Assert.Equal(market.Bundle.AllowText, (await anonymous.ListingReviewsAsync(first.ListingId)).Items.Single().Text);

        // ...until a publish on the listing invalidates it.
        var second = await Api.AnotherOrderAsync(first);
        var secondId = await second.SubmitAsync(market.Bundle.AllowText);
        await second.Buyer.Client.ModeratedAsync(secondId);
        // The worker invalidates right after its commit, so the review can read PUBLISHED a moment before the
        // cached page is gone (cache-aside): wait a bounded time for the page, not for ever.
        var page = await anonymous.ListingReviewsAsync(first.ListingId);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); page.Total < 2 && DateTime.UtcNow < deadline; page = await anonymous.ListingReviewsAsync(first.ListingId))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, page.Total);
        Assert.Equal([secondId, firstId], page.Items.Select(r => r.Id));
        Assert.Equal("edited behind the cache", page.Items[1].Text);
    }

    [Fact]
    public async Task A_listing_without_published_reviews_is_an_empty_page()
    {
        var order = await Api.OrderAsync();

        var page = await Api.CreateClient().ListingReviewsAsync(order.ListingId);

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Seller_rating_counts_published_reviews_only_after_concurrent_publishes()
    {
        var seller = await Api.NewSellerAsync();
        var orders = new List<ReviewableOrder>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await Api.OrderAsync(seller: seller));
        }

        int[] ratings = [5, 4, 3, 5, 1, 2, 4, 5];
        // Six allowed, two rejected: the rejected ratings must not count.
        var texts = Enumerable.Range(0, 8).Select(i => i is 2 or 5 ? market.Bundle.RejectText : market.Bundle.AllowText).ToArray();
        var ids = await Task.WhenAll(orders.Select((o, i) => o.SubmitAsync(texts[i], ratings[i])));
        await Task.WhenAll(orders.Select((o, i) => o.Buyer.Client.ModeratedAsync(ids[i])));

        var rating = await Api.CreateClient().RatingAsync(seller.Id);

        var published = ratings.Where((_, i) => texts[i] == market.Bundle.AllowText).ToArray();
        Assert.Equal(published.Length, rating.ReviewCount);
        Assert.Equal(Math.Round(published.Average(), 2), rating.AverageRating);
    }

    [Fact]
    public async Task A_seller_without_reviews_has_a_zero_rating()
    {
        var rating = await Api.CreateClient().RatingAsync(Guid.NewGuid());

        Assert.Equal(0, rating.ReviewCount);
        Assert.Equal(0, rating.AverageRating);
    }
}
