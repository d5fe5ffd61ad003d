using EndToEnd.Tests.Api;
using EndToEnd.Tests.Model;
using Marketplace.Web.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

/// <summary>A buyer's whole flash-sale purchase in the browser: sign up, join, pay at the cashier, read the code, confirm, review.</summary>
public sealed class BuyerJourneyTests(WebStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task A_buyer_joins_a_flash_sale_pays_reads_the_code_confirms_and_sees_the_review_published()
    {
        var platform = Stack.Platform;
        var seller = await platform.NewSellerAsync();
        var listingId = await seller.CreateCodeListingAsync(stock: 30);
        var saleId = await platform.CreateFlashSaleAsync(listingId, stock: 10);
        var page = await OpenAsync("buyer-journey");

        await page.SignUpAsync("Flash Buyer");
        await page.GotoAsync($"/flash-sales/{saleId}");
        var join = page.GetByRole(AriaRole.Button, new() { Name = "Join the sale" });
        await page.WaitInteractiveAsync(join);
        await join.ClickAsync();
        var reservation = page.GetByTestId("reservation");
        await Expect(reservation).ToHaveAttributeAsync("data-status", "ORDERED", new() { Timeout = 90_000 });

        await reservation.GetByRole(AriaRole.Link, new() { Name = "Pay for it now" }).ClickAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Waiting for payment");
        var orderId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with Alipay" }).ClickAsync();

        // The sandbox's cashier page, then back through the return_url; the order turns PAID when the notification lands.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + platform.Sandbox.Url));
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Paid", new() { Timeout = 90_000 });
        Assert.Contains($"/orders/{orderId}", page.Url, StringComparison.Ordinal);

        await seller.ShipCodeAsync(orderId, "RQ-7H2K-99XC");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Shipped");
        await Expect(page.GetByTestId("delivery-secret")).ToHaveTextAsync("RQ-7H2K-99XC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm I received it" }).ClickAsync();
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Completed");

        await page.GetByLabel("Rating").SelectOptionAsync("5");
        await page.GetByLabel("Your review").FillAsync(ReviewTexts.EnglishPraise.Text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post review" }).ClickAsync();
        await Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Published", new() { Timeout = 90_000 });

        // What the buyer was told is what a visitor sees: the review on the listing page.
        var visitor = await OpenAsync("buyer-journey-listing");
        await visitor.GotoAsync($"/listings/{listingId}");
        await Expect(visitor.GetByText(ReviewTexts.EnglishPraise.Text)).ToBeVisibleAsync();
    }
}
