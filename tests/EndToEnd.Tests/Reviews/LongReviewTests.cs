using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;
using Moderation.Contracts;

namespace EndToEnd.Tests.Reviews;

/// <summary>
/// A long review cannot hide what the model rejects: a friendly opening of praise the service allows, up to the
/// marketplace's 2,000-character limit, followed by a sentence the service rejects alone, ends REJECTED.
/// </summary>
[Collection(ReviewsPlatform.Name)]
public sealed class LongReviewTests(Platform platform) : PlatformTest(platform)
{
    [Fact]
    public async Task A_friendly_opening_up_to_the_review_limit_does_not_hide_a_rejected_sentence()
    {
        var (_, verdicts) = await ServiceVerdicts.AskAsync(Platform, ReviewTexts.All);
        var tail = verdicts.First(v => v.Value.Action == ModerationAction.Reject).Key;
        var praise = verdicts.Where(v => v.Value.Action == ModerationAction.Allow && v.Key.Categories.Length == 0)
            .Select(v => v.Key.Text.TrimEnd('.', '!', '。') + ".").ToList();
        Assert.NotEmpty(praise);

        var opening = "";
        for (var i = 0; opening.Length + praise[i % praise.Count].Length + tail.Text.Length + 2 <= 1990; i++)
        {
            opening += praise[i % praise.Count] + " ";
        }

        var text = opening + tail.Text;
        using var http = Platform.InferenceClient();
        var served = await new ModerationClient(http).ModerateAsync([new ModerationItem("opening", opening.Trim()), new ModerationItem("whole", text)]);
        var (openingVerdict, wholeVerdict) = (served.Results[0], served.Results[1]);
        Assert.True(openingVerdict.Action == ModerationAction.Allow, $"the opening alone is {openingVerdict.Action}");
        Assert.Equal(ModerationAction.Reject, wholeVerdict.Action);
        Assert.False(wholeVerdict.Truncated);

        var seller = await Platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync(stock: 1);
        var buyer = await Platform.NewBuyerAsync();
        var order = await Platform.ShippedOrderAsync(seller, buyer, listing.Id);
        var review = await buyer.WaitModeratedAsync(await buyer.ReviewAsync(order.Id, 5, text));

        Assert.Equal("REJECTED", review.Status);
        Assert.Contains(review.RejectedCategories!, c => review.Categories![c] >= Platform.Bundle.Thresholds[c].Reject);
    }
}
