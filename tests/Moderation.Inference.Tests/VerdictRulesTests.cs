using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Inference.Runtime;
using Moderation.Taxonomy;

namespace Moderation.Inference.Tests;

public class VerdictRulesTests
{
    // Probabilities in an order other than the contract's, to prove categories are matched by name.
    private static readonly string[] Order = ["spam", "abuse", "personal_info", "scam", "sexual"];

    private static VerdictRules Rules(double reject = 0.8, double hold = 0.5) => new(new BundleLabels
    {
        Families = ["germanic", "romance", "slavic"],
        Categories = Order,
        Thresholds = Order.ToDictionary(c => c, _ => new CategoryThreshold(reject, hold)),
        MaxTokens = 16,
    }, "rules-test");

    private static float P(double p) => (float)p;

    [Theory]
    [InlineData(0.1, 0.2, ModerationAction.Allow, false)]
    [InlineData(0.5, 0.2, ModerationAction.Hold, false)]
    [InlineData(0.79, 0.6, ModerationAction.Hold, false)]
    [InlineData(0.8, 0.1, ModerationAction.Reject, true)]
    [InlineData(0.1, 0.95, ModerationAction.Reject, true)]
    public void Action_follows_the_reject_and_hold_thresholds(double spam, double scam, ModerationAction action, bool inappropriate)
    {
        float[] categories = [P(spam), P(0.01), P(0.01), P(scam), P(0.01)];
        var verdict = ModerationVerdict.From(Rules().Decide("x", [0f, 0f, 0f], categories, truncated: false));
        Assert.Equal(action, verdict.Action);
        Assert.Equal(inappropriate, verdict.Inappropriate);
    }

    [Fact]
    public void Categories_are_mapped_by_name()
    {
        float[] categories = [P(0.1), P(0.2), P(0.3), P(0.4), P(0.05)];
        var scores = Rules().Decide("x", [0f, 0f, 0f], categories, truncated: false);
        Assert.Equal(new CategoryScores(0.2f, 0.05f, 0.4f, 0.1f, 0.3f), scores.Categories! with { }, new ScoresComparer());
    }

    [Fact]
    public void A_verdict_that_left_text_unscored_holds_at_least()
    {
        float[] low = [P(0.1), P(0.1), P(0.1), P(0.1), P(0.1)];
        var held = Rules().Decide("x", [0f, 0f, 0f], low, truncated: true);
        Assert.Equal(ModerationAction.Hold, held.Action);
        Assert.True(held.Truncated);
        Assert.False(held.CoversWholeText);
        float[] high = [P(0.1), P(0.9), P(0.1), P(0.1), P(0.1)];
        Assert.Equal(ModerationAction.Reject, Rules().Decide("x", [0f, 0f, 0f], high, truncated: true).Action);
    }

    [Fact]
    public void Family_is_the_most_probable_with_its_probability()
    {
        var verdict = Rules().Decide("x", [0.2f, 0.5f, 0.3f], [0f, 0f, 0f, 0f, 0f], truncated: false);
        Assert.Equal("romance", verdict.Family!.Label);
        Assert.Equal(0.5f, verdict.Family.Score);
    }

    [Fact]
    public void An_unscored_item_is_held_with_its_error_and_no_scores()
    {
        var verdict = Rules().Unscored("x", new ItemError("t", "Text too long", "too long"));
        Assert.Equal(ModerationAction.Hold, verdict.Action);
        Assert.Null(verdict.Family);
        Assert.Null(verdict.Categories);
        Assert.False(verdict.CoversWholeText);
    }

    [Fact]
    public void Labels_without_a_contract_category_are_refused()
    {
        var labels = new BundleLabels
        {
            Families = ["germanic"],
            Categories = ["abuse", "sexual", "scam", "spam", "toxicity"],
            Thresholds = new[] { "abuse", "sexual", "scam", "spam", "toxicity" }.ToDictionary(c => c, _ => CategoryThreshold.Default),
            MaxTokens = 16,
        };
        Assert.Contains("personal_info", Assert.Throws<InvalidBundleException>(() => new VerdictRules(labels, "rules-test")).Message, StringComparison.Ordinal);
    }

    private sealed class ScoresComparer : IEqualityComparer<CategoryScores>
    {
        public bool Equals(CategoryScores? x, CategoryScores? y) =>
            x is not null && y is not null
            && new[] { x.Abuse - y.Abuse, x.Sexual - y.Sexual, x.Scam - y.Scam, x.Spam - y.Spam, x.PersonalInfo - y.PersonalInfo }.All(d => Math.Abs(d) < 1e-6);

        public int GetHashCode(CategoryScores obj) => 0;
    }
}
