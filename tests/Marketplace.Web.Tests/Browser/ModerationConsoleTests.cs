using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;
using Marketplace.Web.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

using Session = EndToEnd.Tests.Api.Session;

/// <summary>The admin console: a held review published by a person appears for visitors; a rejected one never does.</summary>
public sealed class ModerationConsoleTests(WebStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task An_admin_publishes_a_held_review_and_a_visitor_sees_it_while_a_rejected_one_stays_hidden()
    {
        var platform = Stack.Platform;
        var seller = await platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync();
        var held = await ReviewedAsync(platform, seller, listing.Id, ReviewTexts.PortugueseScam, "HELD");
        await ReviewedAsync(platform, seller, listing.Id, ReviewTexts.SpanishAbuse, "REJECTED");

        var admin = await OpenAsync("admin-publishes");
        await admin.SignInAsync(Platform.AdminEmail, Platform.AdminPassword);
        await admin.GotoAsync("/admin");
        await Expect(admin.GetByTestId("inference-status")).ToContainTextAsync("Healthy");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Moderation queue" }).ClickAsync();
        var card = admin.Locator($"article[data-review-id='{held}']");
        await Expect(card).ToContainTextAsync(ReviewTexts.PortugueseScam.Text);
        await Expect(card.GetByRole(AriaRole.Meter)).ToHaveCountAsync(5);
        await card.GetByRole(AriaRole.Link, new() { Name = "Decide" }).ClickAsync();
        await admin.GetByLabel("Note (kept in the audit trail)").FillAsync("link is a known partner, checked");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(admin.GetByTestId("review-status")).ToHaveTextAsync("Published");
        await Expect(admin.GetByTestId("audit-trail")).ToContainTextAsync("link is a known partner, checked");

        var visitor = await OpenAsync("admin-publishes-listing");
        await visitor.GotoAsync($"/listings/{listing.Id}");
        await Expect(visitor.GetByText(ReviewTexts.PortugueseScam.Text)).ToBeVisibleAsync();
        await Expect(visitor.GetByText(ReviewTexts.SpanishAbuse.Text)).ToHaveCountAsync(0);
        await Expect(visitor.Locator("article.review p[dir='auto']")).ToHaveCountAsync(1);
    }

    private static async Task<Guid> ReviewedAsync(Platform platform, Session seller, Guid listingId, ReviewText text, string expected)
    {
        var buyer = await platform.NewBuyerAsync();
        var order = await platform.ShippedOrderAsync(seller, buyer, listingId);
        var reviewId = await buyer.ReviewAsync(order.Id, text.Rating, text.Text);
        var review = await buyer.WaitModeratedAsync(reviewId);
        Assert.Equal(expected, review.Status);
        return reviewId;
    }
}
