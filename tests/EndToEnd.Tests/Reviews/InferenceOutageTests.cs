using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;

namespace EndToEnd.Tests.Reviews;

/// <summary>The inference process stopped: reviews wait (PENDING, retried), readiness says so; restarted: each moderated once.</summary>
public sealed class InferenceOutageTests(Platform platform) : PlatformTest(platform), IClassFixture<Platform>
{
    private static readonly ReviewText[] Texts =
        [ReviewTexts.GermanPraise, ReviewTexts.KoreanAbuse, ReviewTexts.RussianScam, ReviewTexts.JapanesePraise, ReviewTexts.EnglishPersonalInfo];

    [Fact]
    public async Task Reviews_stay_pending_while_inference_is_stopped_and_are_each_moderated_once_after_it_restarts()
    {
        var (modelVersion, verdicts) = await ServiceVerdicts.AskAsync(Platform, Texts);
        var scenario = await ReviewScenario.ShippedAsync(Platform, Texts);
        await Platform.Inference.StopAsync();

        var reviews = await scenario.ReviewAllAsync();
        var ids = reviews.Select(r => r.ReviewId).ToList();
        // Several worker cycles: every review has been tried and failed at least three times.
        await Eventually.ValueAsync(() => Platform.Stores.FewestAttemptsAsync(ids), n => n >= 3, "three failed attempts per review");
        foreach (var (text, buyer, reviewId) in reviews)
        {
            var review = await buyer.Client.GetReviewAsync(reviewId);
            Assert.Equal(("PENDING", null), (review.Status, review.Categories));
        }

        using var anonymous = Platform.Anonymous();
        Assert.Equal("Degraded", await anonymous.InferenceStatusAsync());
        Assert.Equal(0, (await anonymous.ListingReviewsAsync(scenario.Listing.Id)).Total);
        Assert.True(await anonymous.GaugeAsync("marketplace_reviews_pending") >= Texts.Length);
        Assert.All((await Platform.Stores.VerdictCountsAsync(ids)).Values, n => Assert.Equal(0, n));

        await Platform.Inference.StartAsync(Ct);

        foreach (var (text, buyer, reviewId) in reviews)
        {
            var review = await buyer.WaitModeratedAsync(reviewId);
            Assert.Equal((ReviewsApi.StatusFor(verdicts[text].Action), modelVersion), (review.Status, review.ModelVersion));
        }

        var counts = await Platform.Stores.VerdictCountsAsync(ids);
        Assert.Equal(ids.Order(), counts.Keys.Order());
        Assert.All(counts, c => Assert.Equal(1, c.Value));
        await Eventually.ValueAsync(anonymous.InferenceStatusAsync, s => s == "Healthy", "inference healthy again in /readyz");
    }
}
