using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Catalog;

public sealed class BrowseListingsTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("kind=weapon", "kind")]
    public async Task Out_of_bounds_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var response = await api.CreateClient().GetAsync("/api/listings?" + query, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, field);
    }

    [Fact]
    public async Task Bounds_are_inclusive_and_defaults_apply()
    {
        var client = api.CreateClient();

        var max = await client.BrowseAsync("page=1&pageSize=100");
        var defaults = await client.BrowseAsync("");

        Assert.Equal(100, max.PageSize);
        Assert.Equal(1, defaults.Page);
        Assert.Equal(20, defaults.PageSize);
    }

    [Fact]
    public async Task Pages_walk_every_active_listing_newest_first_without_overlap()
    {
        var seller = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, title: $"L{i}"))).Id);
        }

        var pages = new[]
        {
            await api.CreateClient().BrowseAsync($"game={game}&page=1&pageSize=2"),
            await api.CreateClient().BrowseAsync($"game={game}&page=2&pageSize=2"),
            await api.CreateClient().BrowseAsync($"game={game}&page=3&pageSize=2"),
            await api.CreateClient().BrowseAsync($"game={game}&page=4&pageSize=2"),
        };

        Assert.All(pages, page => Assert.Equal(5, page.Total));
        Assert.Equal([2, 2, 1, 0], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Reverse(created), pages.SelectMany(p => p.Items).Select(l => l.Id));
    }

    [Fact]
    public async Task Filters_by_game_and_kind_and_skip_delisted()
    {
        var seller = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();
        var otherGame = CatalogApi.NewGame();
        var item = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, kind: "item"));
        var account = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, kind: "account"));
        var code = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: otherGame, kind: "code"));
        var gone = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, kind: "item"));
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Client.DeleteAsync($"/api/listings/{gone.Id}", TestContext.Current.CancellationToken)).StatusCode);
        var client = api.CreateClient();

        var byGame = await client.BrowseAsync($"game={game}");
        var byGameAndKind = await client.BrowseAsync($"game={game}&kind=item");
        var byKind = await client.BrowseAsync("kind=code&pageSize=100");

        Assert.Equal([account.Id, item.Id], byGame.Items.Select(l => l.Id));
        Assert.Equal([item.Id], byGameAndKind.Items.Select(l => l.Id));
        Assert.Equal(1, byGameAndKind.Total);
        Assert.Contains(code.Id, byKind.Items.Select(l => l.Id));
        Assert.All(byKind.Items, l => Assert.Equal("code", l.Kind));
    }
}
