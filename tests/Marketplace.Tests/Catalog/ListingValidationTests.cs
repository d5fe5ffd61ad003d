using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Catalog;

public sealed class ListingValidationTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Every_invalid_field_is_named()
    {
        var seller = await api.NewSellerAsync();

        var response = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title = " ", kind = "weapon", game = "", price = new { amount = 5m, currency = "usd" }, stock = -1 },
            TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "title", "kind", "game", "price.currency", "stock");
    }

    [Theory]
    [InlineData("19.999", "USD")]
    [InlineData("100.5", "JPY")]
    [InlineData("-1", "EUR")]
    public async Task Amounts_beyond_the_currency_or_negative_name_price_amount(string amount, string currency)
    {
        var seller = await api.NewSellerAsync();

        var response = await seller.Client.PostAsJsonAsync("/api/listings",
            CatalogApi.ListingBody(amount: decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency: currency),
            TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "price.amount");
    }

    [Fact]
    public async Task Missing_price_and_stock_are_named()
    {
        var seller = await api.NewSellerAsync();

        var response = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title = "Code", kind = "code", game = "Some game" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "price", "stock");
    }

    [Fact]
    public async Task Decimal_prices_round_trip_exactly_in_their_currency()
    {
        var seller = await api.NewSellerAsync();

        var usd = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 0.1m + 0.2m, currency: "USD"));
        var kwd = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 1.005m, currency: "KWD"));
        var jpy = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 1500m, currency: "JPY"));

        var client = api.CreateClient();
        Assert.Equal(new PriceDto(0.30m, "USD"), (await client.GetFromJsonAsync<ListingResponse>($"/api/listings/{usd.Id}", TestContext.Current.CancellationToken))!.Price);
        Assert.Equal(new PriceDto(1.005m, "KWD"), (await client.GetFromJsonAsync<ListingResponse>($"/api/listings/{kwd.Id}", TestContext.Current.CancellationToken))!.Price);
        Assert.Equal(new PriceDto(1500m, "JPY"), (await client.GetFromJsonAsync<ListingResponse>($"/api/listings/{jpy.Id}", TestContext.Current.CancellationToken))!.Price);
    }
}
