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

    [Theory]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=1e3", "minPrice")]
    [InlineData("maxPrice=1,5", "maxPrice")]
    [InlineData("maxPrice=100000000000000", "maxPrice")]
    [InlineData("minPrice=10&maxPrice=9.99", "minPrice")]
    [InlineData("sellerId=not-a-guid", "sellerId")]
    [InlineData("currency=usd", "currency")]
    [InlineData("minPrice=x&sellerId=y", "minPrice", "sellerId")]
    public async Task Bad_filters_are_400_naming_the_parameter(string query, params string[] fields)
    {
        var response = await api.CreateClient().GetAsync("/api/listings?" + query, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, fields);
    }

    [Fact]
    public async Task A_search_longer_than_100_characters_is_400_and_100_is_fine()
    {
        var client = api.CreateClient();

        var tooLong = await client.GetAsync("/api/listings?q=" + new string('a', 101), TestContext.Current.CancellationToken);
        var longest = await client.BrowseAsync("q=" + new string('a', 100));

        await ProblemAssert.IsValidationAsync(tooLong, "q");
        Assert.Equal(0, longest.Total);
    }

    [Fact]
    public async Task Search_matches_title_or_game_case_insensitively_and_takes_wildcards_literally()
    {
        var seller = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();
        var token = Guid.NewGuid().ToString("N")[..10];
        var percent = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, title: $"{token} 100% DRAGON sword"));
        var thousand = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, title: $"{token} 1000 gold"));
        var anyChar = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, title: $"{token} manaXpotion"));
        var underscore = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, title: $"{token} mana_potion"));
        var byGame = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: $"{token}-Realm", title: "Shield"));
        var client = api.CreateClient();

        var dragon = await client.BrowseAsync($"q=dragon%20SWORD&game={game}");
        var literalPercent = await client.BrowseAsync($"q={token}%20100%25");
        var literalUnderscore = await client.BrowseAsync($"q={token}%20mana_potion");
        var gameMatch = await client.BrowseAsync($"q={token.ToUpperInvariant()}-rEaLm");
        var everything = await client.BrowseAsync($"q=%20{token}%20");

        Assert.Equal([percent.Id], dragon.Items.Select(l => l.Id));
        Assert.Equal([percent.Id], literalPercent.Items.Select(l => l.Id));
        Assert.Equal([underscore.Id], literalUnderscore.Items.Select(l => l.Id));
        Assert.Equal([byGame.Id], gameMatch.Items.Select(l => l.Id));
        Assert.Equal([byGame.Id, underscore.Id, anyChar.Id, thousand.Id, percent.Id], everything.Items.Select(l => l.Id));
        Assert.Equal(5, everything.Total);
    }

    [Fact]
    public async Task Price_bounds_are_inclusive_and_combine_with_currency_seller_and_paging()
    {
        var seller = await api.NewSellerAsync();
        var otherSeller = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();
        var cheap = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, amount: 5m));
        var ten = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, amount: 10m));
        var twenty = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, amount: 20.5m));
        var yuan = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, amount: 15m, currency: "CNY"));
        var others = await otherSeller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, amount: 12m));
        var client = api.CreateClient();

        var range = await client.BrowseAsync($"game={game}&minPrice=10&maxPrice=20.50");
        var from = await client.BrowseAsync($"game={game}&minPrice=10.01");
        var upTo = await client.BrowseAsync($"game={game}&maxPrice=5");
        var dollars = await client.BrowseAsync($"game={game}&minPrice=10&currency=USD");
        var mine = await client.BrowseAsync($"game={game}&sellerId={seller.Id}&minPrice=6");
        var onlyOthers = await client.BrowseAsync($"sellerId={otherSeller.Id}");
        var secondPage = await client.BrowseAsync($"game={game}&minPrice=10&page=2&pageSize=2");

        Assert.Equal([others.Id, yuan.Id, twenty.Id, ten.Id], range.Items.Select(l => l.Id));
        Assert.Equal([others.Id, yuan.Id, twenty.Id], from.Items.Select(l => l.Id));
        Assert.Equal([cheap.Id], upTo.Items.Select(l => l.Id));
        Assert.Equal([others.Id, twenty.Id, ten.Id], dollars.Items.Select(l => l.Id));
        Assert.Equal([yuan.Id, twenty.Id, ten.Id], mine.Items.Select(l => l.Id));
        Assert.Equal([others.Id], onlyOthers.Items.Select(l => l.Id));
        Assert.Equal(4, secondPage.Total);
        Assert.Equal([twenty.Id, ten.Id], secondPage.Items.Select(l => l.Id));
    }
}
