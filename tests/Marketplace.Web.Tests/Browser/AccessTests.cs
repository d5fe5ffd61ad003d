using EndToEnd.Tests.Api;
using Marketplace.Web.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

/// <summary>What a buyer may not open, by link or by typing the address.</summary>
public sealed class AccessTests(WebStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task A_buyer_cannot_open_the_admin_console()
    {
        var page = await OpenAsync("buyer-admin-denied");
        await page.SignUpAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin", "/admin/reviews", "/admin/flash-sales/new" })
        {
            var response = await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByTestId("status-panel")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_comes_back()
    {
        var page = await OpenAsync("visitor-sign-in");
        await page.GotoAsync("/orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync($"web-{Guid.NewGuid():N}@e2e.test");
        await page.GetByLabel("Display name").FillAsync("Returning Visitor");
        await page.GetByLabel("Password").FillAsync(WebActions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My orders" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_buyer_cannot_open_another_buyers_order_by_its_address()
    {
        var platform = Stack.Platform;
        var seller = await platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync();
        var owner = await platform.NewBuyerAsync();
        var order = await owner.BuyAsync(listing.Id);

        var page = await OpenAsync("other-buyers-order");
        await page.SignUpAsync("Curious Buyer");
        var response = await page.GotoAsync($"/orders/{order.Id}");
        Assert.Equal(404, response!.Status);
        // The same page as for an order that does not exist: the address reveals nothing.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pay with Alipay" })).ToHaveCountAsync(0);
    }
}
