using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Catalog;

public sealed class ListingOwnershipTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task A_seller_cannot_update_another_sellers_listing()
    {
        var owner = await api.NewSellerAsync();
        var other = await api.NewSellerAsync();
        var listing = await owner.Client.CreateListingAsync(CatalogApi.ListingBody(title: "Original"));

        var response = await other.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            CatalogApi.ListingBody(title: "Hijacked"), TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var stored = await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);
        Assert.Equal("Original", stored!.Title);
        Assert.Equal(listing.Version, stored.Version);
    }

    [Fact]
    public async Task A_seller_cannot_delist_another_sellers_listing()
    {
        var owner = await api.NewSellerAsync();
        var other = await api.NewSellerAsync();
        var listing = await owner.Client.CreateListingAsync(CatalogApi.ListingBody());

        var response = await other.Client.DeleteAsync($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var stored = await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);
        Assert.Equal("active", stored!.Status);
    }

    [Fact]
    public async Task Owner_updates_bump_the_version_and_a_stale_version_is_409()
    {
        var owner = await api.NewSellerAsync();
        var listing = await owner.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 10m));

        var first = await owner.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            WithVersion(CatalogApi.ListingBody(amount: 12.34m, currency: "EUR", stock: 7), listing.Version), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var updated = (await first.Content.ReadFromJsonAsync<ListingResponse>(TestContext.Current.CancellationToken))!;
        Assert.Equal(listing.Version + 1, updated.Version);
        Assert.Equal(new PriceDto(12.34m, "EUR"), updated.Price);
        Assert.Equal(7, updated.Stock);

        var stale = await owner.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            WithVersion(CatalogApi.ListingBody(amount: 1m), listing.Version), TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "concurrency-conflict");
        var stored = await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(12.34m, stored!.Price.Amount);
    }

    [Fact]
    public async Task Delisting_is_a_soft_delete_hidden_from_browse()
    {
        var owner = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();
        var listing = await owner.Client.CreateListingAsync(CatalogApi.ListingBody(game: game));

        var delisted = await owner.Client.DeleteAsync($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);
        var again = await owner.Client.DeleteAsync($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, delisted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var page = await api.CreateClient().BrowseAsync($"game={game}");
        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
        var stored = await api.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);
        Assert.Equal("delisted", stored!.Status);
        var update = await owner.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", CatalogApi.ListingBody(), TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(update, HttpStatusCode.Conflict, "listing-delisted");
    }

    [Fact]
    public async Task An_admin_may_delist_any_listing()
    {
        var owner = await api.NewSellerAsync();
        var admin = await api.AdminAsync();
        var listing = await owner.Client.CreateListingAsync(CatalogApi.ListingBody());

        var response = await admin.Client.DeleteAsync($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_listing_is_404_for_read_update_and_delist()
    {
        var owner = await api.NewSellerAsync();
        var id = Guid.NewGuid();

        await ProblemAssert.IsProblemAsync(await api.CreateClient().GetAsync($"/api/listings/{id}", TestContext.Current.CancellationToken),
            HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await owner.Client.PutAsJsonAsync($"/api/listings/{id}", CatalogApi.ListingBody(), TestContext.Current.CancellationToken),
            HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await owner.Client.DeleteAsync($"/api/listings/{id}", TestContext.Current.CancellationToken),
            HttpStatusCode.NotFound, "not-found");
    }

    private static Dictionary<string, object?> WithVersion(object body, int version)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(body, System.Text.Json.JsonSerializerOptions.Web)
            .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["version"] = version;
        return fields;
    }
}
