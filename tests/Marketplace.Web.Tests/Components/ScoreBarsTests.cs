using Bunit;
using Marketplace.Web.Api.Contracts;
using Marketplace.Web.Components.Shared;

namespace Marketplace.Web.Tests.Components;

public sealed class ScoreBarsTests
{
    [Fact]
    public void Each_category_gets_a_meter_with_its_score_and_the_named_ones_are_marked()
    {
        using var context = new BunitContext();
        var scores = new ReviewScores(Abuse: 0.91f, Sexual: 0.02f, Scam: 0.40f, Spam: 0.10f, PersonalInfo: 1.7f);
        var cut = context.Render<ScoreBars>(p => p.Add(c => c.Scores, scores).Add(c => c.Flagged, ["abuse"]));

        var rows = cut.FindAll("li[data-category]");
        Assert.Equal(["abuse", "sexual", "scam", "spam", "personal_info"], rows.Select(r => r.GetAttribute("data-category")));
        Assert.Equal(["0.91", "0.02", "0.40", "0.10", "1.70"], cut.FindAll("[role=meter]").Select(m => m.GetAttribute("aria-valuenow")));
        Assert.Equal("width:91%", cut.Find("li[data-category=abuse] .fill").GetAttribute("style"));
        // A score outside 0..1 (a bug upstream) never draws past the bar.
        Assert.Equal("width:100%", cut.Find("li[data-category=personal_info] .fill").GetAttribute("style"));
        Assert.Equal(["abuse"], cut.FindAll(".fill.flagged").Select(f => f.Closest("li")!.GetAttribute("data-category")));
        Assert.Equal("Personal info", cut.Find("li[data-category=personal_info] .score-name").TextContent);
    }

    [Fact]
    public void A_review_without_scores_says_so_instead_of_drawing_empty_bars()
    {
        using var context = new BunitContext();
        var cut = context.Render<ScoreBars>(p => p.Add(c => c.Scores, null));
        Assert.Empty(cut.FindAll("[role=meter]"));
        Assert.Contains("No scores yet", cut.Markup, StringComparison.Ordinal);
    }
}
