using EndToEnd.Tests.Api;
using Marketplace.Web.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

/// <summary>The flash-sale page updates its remaining stock while it is open, without a reload.</summary>
public sealed class FlashSaleLiveTests(WebStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task The_remaining_stock_falls_while_the_page_is_open()
    {
        var platform = Stack.Platform;
        var seller = await platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync(stock: 30);
        var saleId = await platform.CreateFlashSaleAsync(listing.Id, stock: 8);
        var page = await OpenAsync("flash-sale-live");
        await page.GotoAsync($"/flash-sales/{saleId}");
        var stock = page.GetByTestId("remaining-stock");
        await Expect(stock).ToHaveTextAsync("8");
        await Expect(page.GetByTestId("countdown")).ToBeVisibleAsync();
        var loads = 0;
        page.Load += (_, _) => loads++;

        for (var i = 0; i < 3; i++)
        {
            await (await platform.NewBuyerAsync()).JoinFlashSaleAsync(saleId);
        }

        await Expect(stock).ToHaveTextAsync("5", new() { Timeout = 30_000 });
        Assert.Equal(0, loads);
    }
}
