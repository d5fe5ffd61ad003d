using EndToEnd.Tests.Api;
using Marketplace.Web.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

using Session = EndToEnd.Tests.Api.Session;

/// <summary>The API's validation problems are shown beside the field the user got wrong, and the form keeps what they typed.</summary>
public sealed class ValidationTests(WebStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task A_negative_price_is_shown_beside_the_price_field()
    {
        var page = await OpenAsync("bad-price", phone: true);
        await page.SignUpAsync("Careless Seller");
        await page.GotoAsync("/sell/start");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start selling" }).ClickAsync();
        await page.GotoAsync("/sell/listings/new");
        await page.GetByLabel("Title").FillAsync("Cheap gold");
        await page.GetByLabel("Game").FillAsync("Realm Quest");
        await page.GetByLabel("Description").FillAsync("1000 gold pieces");
        await page.GetByLabel("Price").FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var error = page.Locator(".field-error[data-field='price']");
        await Expect(error).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Price")).ToHaveAttributeAsync("aria-describedby", "price-error");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Cheap gold");
        await Expect(page.Locator(".field-error[data-field='title']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New listing" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_empty_review_is_shown_beside_the_review_field()
    {
        var platform = Stack.Platform;
        var seller = await platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync();
        var page = await OpenAsync("empty-review");
        var email = await page.SignUpAsync("Quiet Buyer");
        var buyer = await Session.LoginAsync(platform, email, WebActions.Password);
        var order = await platform.ShippedOrderAsync(seller, buyer, listing.Id);

        await page.GotoAsync($"/orders/{order.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post review" }).ClickAsync();
        await Expect(page.Locator(".field-error[data-field='text']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review this purchase" })).ToBeVisibleAsync();
        var reviews = await buyer.Client.GetAsync(new Uri($"/api/orders/{order.Id}/review", UriKind.Relative), Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, reviews.StatusCode);
    }
}
