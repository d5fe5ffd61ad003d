using System.Net;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;
using Moderation.Contracts;

namespace EndToEnd.Tests.Reviews;

/// <summary>Orders paid through the sandbox and shipped, reviewed in twelve languages, moderated by the inference process.</summary>
[Collection(ReviewsPlatform.Name)]
public sealed class ReviewModerationTests(Platform platform) : PlatformTest(platform)
{
    [Fact]
    public async Task Each_review_ends_as_the_service_judges_its_text_and_only_published_ones_are_listed_and_rated()
    {
        var texts = ReviewTexts.All;
        var (modelVersion, verdicts) = await ServiceVerdicts.AskAsync(Platform, texts);
        // The thresholds were placed so the texts get every action; otherwise this test would not test much.
        Assert.Equal([ModerationAction.Allow, ModerationAction.Hold, ModerationAction.Reject], verdicts.Values.Select(v => v.Action).Distinct().Order());

        var seller = await Platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync(stock: texts.Count);
        var reviewed = await Task.WhenAll(texts.Select(async (text, i) =>
        {
            var buyer = await Platform.NewBuyerAsync();
            var order = await Platform.ShippedOrderAsync(seller, buyer, listing.Id);
            if (i % 2 == 0)
            {
                // Both SHIPPED and COMPLETED orders take a review.
                await buyer.ConfirmAsync(order.Id);
            }

            return (Text: text, Buyer: buyer, ReviewId: await buyer.ReviewAsync(order.Id, text.Rating, text.Text));
        }));

        var moderated = new List<(ReviewText Text, ReviewView Review)>();
        foreach (var (text, buyer, reviewId) in reviewed)
        {
            var review = await buyer.WaitModeratedAsync(reviewId);
            var verdict = verdicts[text];
            Assert.True(ReviewsApi.StatusFor(verdict.Action) == review.Status, $"{text}: service says {verdict.Action}, review is {review.Status}");
            Assert.Equal((modelVersion, verdict.Family!.Label), (review.ModelVersion, review.LanguageFamily));
            Assert.Equal(verdict.Categories!.Abuse, review.Categories!["abuse"], 1e-4);
            Assert.Equal(verdict.Categories!.PersonalInfo, review.Categories["personal_info"], 1e-4);
            if (review.Status == "REJECTED")
            {
                Assert.NotEmpty(review.RejectedCategories!);
                Assert.All(review.RejectedCategories!, c => Assert.True(review.Categories[c] >= Platform.Bundle.Thresholds[c].Reject, $"{text}: {c}"));
            }

            moderated.Add((text, review));
        }

        using var anonymous = Platform.Anonymous();
        var published = moderated.Where(m => m.Review.Status == "PUBLISHED").ToList();
        var page = await anonymous.ListingReviewsAsync(listing.Id);
        Assert.Equal(published.Count, page.Total);
        Assert.Equal(published.Select(p => p.Review.Id).Order(), page.Items.Select(i => i.Id).Order());
        Assert.Equal(page.Items.OrderByDescending(i => i.CreatedAt).Select(i => i.Id), page.Items.Select(i => i.Id));
        Assert.All(page.Items, i => Assert.Equal("PUBLISHED", i.Status));

        var rating = await anonymous.SellerRatingAsync(seller.UserId);
        Assert.Equal(published.Count, rating.ReviewCount);
        Assert.Equal(published.Average(p => p.Text.Rating), rating.AverageRating!.Value, 0.01);

        foreach (var (_, review) in moderated.Where(m => m.Review.Status != "PUBLISHED"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetReviewResponseAsync(review.Id)).StatusCode);
        }
    }
}
