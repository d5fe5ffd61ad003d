using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Tests;

public class VerdictRulesTests
{
    // Logits in an order other than the contract's, to prove categories are matched by name.
    private static readonly string[] Order = ["spam", "abuse", "personal_info", "scam", "sexual"];

    private static VerdictRules Rules(double reject = 0.8, double hold = 0.5) => new(new BundleLabels
    {
        Families = ["germanic", "romance", "slavic"],
        Categories = Order,
        Thresholds = Order.ToDictionary(c => c, _ => new Moderation.Bundles.CategoryThreshold(reject, hold)),
        MaxTokens = 16,
    });

    private static float Logit(double p) => (float)Math.Log(p / (1 - p));

    [Theory]
    [InlineData(0.1, 0.2, ModerationAction.Allow, false)]
    [InlineData(0.5, 0.2, ModerationAction.Hold, false)]
    [InlineData(0.79, 0.6, ModerationAction.Hold, false)]
    [InlineData(0.8, 0.1, ModerationAction.Reject, true)]
    [InlineData(0.1, 0.95, ModerationAction.Reject, true)]
    public void Action_follows_the_reject_and_hold_thresholds(double spam, double scam, ModerationAction action, bool inappropriate)
    {
        float[] categories = [Logit(spam), Logit(0.01), Logit(0.01), Logit(scam), Logit(0.01)];
        var verdict = Rules().Build("x", [0f, 0f, 0f], categories, truncated: false);
        Assert.Equal(action, verdict.Action);
        Assert.Equal(inappropriate, verdict.Inappropriate);
    }

    [Fact]
    public void Categories_are_mapped_by_name_and_scored_with_a_sigmoid()
    {
        float[] categories = [Logit(0.1), Logit(0.2), Logit(0.3), Logit(0.4), Logit(0.05)];
        var scores = Rules().Build("x", [0f, 0f, 0f], categories, truncated: true);
        Assert.Equal(new CategoryScores(0.2f, 0.05f, 0.4f, 0.1f, 0.3f), scores.Categories with { }, new ScoresComparer());
        Assert.True(scores.Truncated);
    }

    [Fact]
    public void Family_is_the_argmax_with_its_softmax_probability()
    {
        var verdict = Rules().Build("x", [1f, 3f, 2f], [0f, 0f, 0f, 0f, 0f], truncated: false);
        Assert.Equal("romance", verdict.Family.Label);
        var expected = Math.Exp(3) / (Math.Exp(1) + Math.Exp(3) + Math.Exp(2));
        Assert.Equal(expected, verdict.Family.Score, 5);
    }

    [Fact]
    public void Labels_without_a_contract_category_are_refused()
    {
        var labels = new BundleLabels
        {
            Families = ["germanic"],
            Categories = ["abuse", "sexual", "scam", "spam", "toxicity"],
            Thresholds = new[] { "abuse", "sexual", "scam", "spam", "toxicity" }.ToDictionary(c => c, _ => Moderation.Bundles.CategoryThreshold.Default),
            MaxTokens = 16,
        };
        Assert.Contains("personal_info", Assert.Throws<InvalidBundleException>(() => new VerdictRules(labels)).Message, StringComparison.Ordinal);
    }

    private sealed class ScoresComparer : IEqualityComparer<CategoryScores>
    {
        public bool Equals(CategoryScores? x, CategoryScores? y) =>
            x is not null && y is not null
            && new[] { x.Abuse - y.Abuse, x.Sexual - y.Sexual, x.Scam - y.Scam, x.Spam - y.Spam, x.PersonalInfo - y.PersonalInfo }.All(d => Math.Abs(d) < 1e-6);

        public int GetHashCode(CategoryScores obj) => 0;
    }
}
