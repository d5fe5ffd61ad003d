using System.Net.Http.Json;
using System.Text.Json;
using EndToEnd.Tests.Api;
using Marketplace.Web.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

/// <summary>A seller in the browser: becomes one, lists a digital code, finds the paid order and ships the code.</summary>
public sealed class SellerTests(WebStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task A_seller_lists_a_code_and_ships_the_paid_order()
    {
        var page = await OpenAsync("seller-ships");
        await page.SignUpAsync("Web Seller");
        await page.GetByRole(AriaRole.Link, new() { Name = "Become a seller" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start selling" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your shop" })).ToBeVisibleAsync();

        var title = $"Realm pass {Guid.NewGuid():N}"[..22];
        await page.GetByRole(AriaRole.Link, new() { Name = "New listing" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Kind").SelectOptionAsync("code");
        await page.GetByLabel("Game").FillAsync("Realm Quest");
        await page.GetByLabel("Description").FillAsync("A 30-day season pass code for Realm Quest, redeemable in any region.");
        await page.GetByLabel("Price").FillAsync("12.50");
        await page.GetByLabel("Stock").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        var listingId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        var buyer = await Stack.Platform.NewBuyerAsync();
        var orderId = await Stack.Platform.PaidOrderAsync(buyer, listingId);

        await page.GotoAsync("/sell");
        await page.Locator($"tr[data-order-id='{orderId}'] a").ClickAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Paid");
        await page.GetByLabel("Code or account details for the buyer").FillAsync("REALM-SWORD-7731");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ship" }).ClickAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Shipped");
        Assert.Equal("SHIPPED", (await buyer.OrderAsync(orderId)).State);
        var delivery = await buyer.Client.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/delivery");
        Assert.Equal("REALM-SWORD-7731", delivery.GetProperty("secret").GetString());
    }
}
