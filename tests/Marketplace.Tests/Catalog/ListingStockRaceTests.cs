using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;

namespace Marketplace.Tests.Catalog;

/// <summary>
/// A listing update carries absolute stock, so it must start from the version the seller read: a
/// purchase between the seller's read and the seller's update is neither lost nor oversold.
/// </summary>
public sealed class ListingStockRaceTests(OrdersApiFactory api) : IClassFixture<OrdersApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_purchase_between_the_sellers_read_and_update_makes_the_update_409_and_keeps_the_sale()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 1));
        var read = (await seller.Client.GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", Ct))!;

        await buyer.Client.BuyAsync(listing.Id);
        // The seller "restocks" to what they saw plus nothing: with the old absolute write this put
        // the sold unit back on sale, and a second buyer could buy a unit that no longer exists.
        var stale = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            CatalogApi.WithVersion(CatalogApi.ListingBody(title: "Renamed", stock: read.Stock), read.Version), Ct);

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency-conflict");
        var after = (await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", Ct))!;
        Assert.Equal((0, "Dragon sword"), (after.Stock, after.Title));
        var oversell = await (await api.NewBuyerAsync()).Client.PurchaseAsync(listing.Id, 1);
        await ProblemAssert.IsProblemAsync(oversell, HttpStatusCode.Conflict, "insufficient-stock");

        var fresh = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            CatalogApi.WithVersion(CatalogApi.ListingBody(title: "Renamed", stock: after.Stock + 3), after.Version), Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(3, (await fresh.Content.ReadFromJsonAsync<ListingResponse>(Ct))!.Stock);
    }

    [Fact]
    public async Task An_update_without_a_version_is_428_and_changes_nothing()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 4));

        var response = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", CatalogApi.ListingBody(title: "Blind", stock: 9), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionRequired, "version-required");
        var stored = (await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", Ct))!;
        Assert.Equal((4, "Dragon sword", listing.Version), (stored.Stock, stored.Title, stored.Version));
    }

    [Fact]
    public async Task Concurrent_purchases_and_a_seller_update_from_one_read_never_lose_a_sale()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 10));
        var buyers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.NewBuyerAsync()));

        var purchases = buyers.Select(b => b.Client.PurchaseAsync(listing.Id, 1)).ToList();
        var update = seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            CatalogApi.WithVersion(CatalogApi.ListingBody(stock: 20), listing.Version), Ct);
        var sold = (await Task.WhenAll(purchases)).Count(r => r.StatusCode == HttpStatusCode.Created);
        var updated = (await update).StatusCode == HttpStatusCode.OK;

        var stock = (await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", Ct))!.Stock;
        var orders = await api.ScalarAsync($"SELECT count(*) FROM orders WHERE listing_id = '{listing.Id}'");
        Assert.Equal(sold, orders);
        // The update applied only if it came before every purchase (from version 1); then each sale came off its 20.
        Assert.Equal((updated ? 20 : 10) - sold, stock);
    }
}
