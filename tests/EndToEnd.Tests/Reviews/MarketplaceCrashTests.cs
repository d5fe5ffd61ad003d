using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;

namespace EndToEnd.Tests.Reviews;

/// <summary>The marketplace killed (SIGKILL) with reviews awaiting moderation: after its restart none is lost, each is moderated once.</summary>
public sealed class MarketplaceCrashTests(Platform platform) : PlatformTest(platform), IClassFixture<Platform>
{
    [Fact]
    public async Task Reviews_pending_when_the_marketplace_crashes_are_moderated_once_after_it_restarts()
    {
        ReviewText[] texts = [ReviewTexts.FrenchPraise, ReviewTexts.SpanishAbuse, ReviewTexts.ChinesePersonalInfo, ReviewTexts.ArabicPraise];
        var verdicts = (await ServiceVerdicts.AskAsync(Platform, texts)).Verdicts;
        var scenario = await ReviewScenario.ShippedAsync(Platform, texts);
        await Platform.Inference.StopAsync();
        var reviews = await scenario.ReviewAllAsync();
        var ids = reviews.Select(r => r.ReviewId).ToList();
        // The worker has claimed and tried each one (a claim it held dies with it).
        await Eventually.ValueAsync(() => Platform.Stores.FewestAttemptsAsync(ids), n => n >= 1, "a failed attempt per review");

        await Platform.Marketplace.CrashAsync();
        await Platform.Inference.StartAsync(Ct);
        await Platform.Marketplace.StartAsync(Ct);

        await AssertModeratedOnceAsync(reviews, verdicts);
    }

    [Fact]
    public async Task Reviews_submitted_just_before_a_crash_with_inference_up_are_moderated_once_after_the_restart()
    {
        // Inference is up, so the worker may be anywhere when the kill lands: before its claim, with a batch in
        // flight, or done. Whichever it was, after the restart each review holds exactly one verdict.
        ReviewText[] texts = [ReviewTexts.HindiPraise, ReviewTexts.PortugueseScam, ReviewTexts.KoreanAbuse, ReviewTexts.EnglishPraise, ReviewTexts.GermanPraise];
        var verdicts = (await ServiceVerdicts.AskAsync(Platform, texts)).Verdicts;
        var scenario = await ReviewScenario.ShippedAsync(Platform, texts);

        var reviews = await scenario.ReviewAllAsync();
        await Platform.Marketplace.CrashAsync();
        await Platform.Marketplace.StartAsync(Ct);

        await AssertModeratedOnceAsync(reviews, verdicts);
    }

    private async Task AssertModeratedOnceAsync(
        IReadOnlyList<(ReviewText Text, Session Buyer, Guid ReviewId)> reviews, IReadOnlyDictionary<ReviewText, Moderation.Contracts.ModerationDecision> verdicts)
    {
        var ids = reviews.Select(r => r.ReviewId).ToList();
        Assert.Equal(ids.Count, await Platform.Stores.ReviewCountAsync(ids));
        foreach (var (text, buyer, reviewId) in reviews)
        {
            var review = await buyer.WaitModeratedAsync(reviewId);
            Assert.True(ReviewsApi.StatusFor(verdicts[text].Action) == review.Status, $"{text}: service says {verdicts[text].Action}, review is {review.Status}");
        }

        var counts = await Platform.Stores.VerdictCountsAsync(ids);
        Assert.All(ids, id => Assert.Equal(1, counts[id]));
    }
}
