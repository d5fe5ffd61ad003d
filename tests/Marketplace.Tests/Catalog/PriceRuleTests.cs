using System.Net.Http.Json;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Catalog;

/// <summary>A price of zero is refused for listings and flash sales alike (one rule for both).</summary>
public sealed class PriceRuleTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("USD")]
    [InlineData("JPY")]
    public async Task A_listing_priced_zero_is_400_naming_price_amount(string currency)
    {
        var seller = await api.NewSellerAsync();

        var response = await seller.Client.PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(amount: 0m, currency: currency), Ct);

        await ProblemAssert.IsValidationAsync(response, "price.amount");
    }

    [Fact]
    public async Task A_listing_updated_to_zero_is_400_and_keeps_its_price()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 5m));

        var response = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", CatalogApi.ListingBody(amount: 0m), Ct);

        await ProblemAssert.IsValidationAsync(response, "price.amount");
        Assert.Equal(5m, (await api.CreateClient().GetFromJsonAsync<Marketplace.Api.Features.Catalog.ListingResponse>(
            $"/api/listings/{listing.Id}", Ct))!.Price.Amount);
    }

    [Fact]
    public async Task A_flash_sale_priced_zero_is_400_naming_price_amount_and_the_smallest_unit_is_accepted()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;

        var zero = await admin.Client.PostAsJsonAsync("/api/flash-sales",
            FlashSaleApi.SaleBody(listing.Id, 1, now, now.AddMinutes(5), amount: 0m), Ct);
        var cent = await admin.Client.PostAsJsonAsync("/api/flash-sales",
            FlashSaleApi.SaleBody(listing.Id, 1, now, now.AddMinutes(5), amount: 0.01m), Ct);

        await ProblemAssert.IsValidationAsync(zero, "price.amount");
        Assert.Equal(System.Net.HttpStatusCode.Created, cent.StatusCode);
    }
}
