using System.Net.Http.Json;
using System.Text;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Errors;

/// <summary>
/// U+0000 anywhere in a JSON body, a query string or a route value is a 400 naming the field, on
/// every endpoint (PostgreSQL cannot store it: before, these were 500s), and nothing is stored.
/// </summary>
public sealed class NulCharacterTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    private const string Nul = "\u0000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_up_with_nul_in_the_email_or_name_is_400_naming_the_field_and_creates_no_account()
    {
        var client = api.CreateClient();
        var email = AccountsApi.NewEmail();

        var inEmail = await client.PostAsJsonAsync("/api/auth/register",
            new { email = email.Replace("@", Nul + "@", StringComparison.Ordinal), password = AccountsApi.DefaultPassword, displayName = "Name" }, Ct);
        var inName = await client.PostAsJsonAsync("/api/auth/register",
            new { email, password = AccountsApi.DefaultPassword, displayName = "Na" + Nul + "me" }, Ct);

        await ProblemAssert.IsValidationAsync(inEmail, "email");
        await ProblemAssert.IsValidationAsync(inName, "displayName");
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM users WHERE display_name LIKE 'Na%me'"));
    }

    [Fact]
    public async Task A_listing_with_nul_in_the_title_description_or_nested_currency_is_400_naming_the_field()
    {
        var seller = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();

        var title = await seller.Client.PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(game: game, title: "Sword" + Nul), Ct);
        var description = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title = "Sword", kind = "item", game, description = Nul, price = new { amount = 1m, currency = "USD" }, stock = 1 }, Ct);
        var currency = await seller.Client.PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(game: game, currency: "US" + Nul), Ct);

        await ProblemAssert.IsValidationAsync(title, "title");
        await ProblemAssert.IsValidationAsync(description, "description");
        await ProblemAssert.IsValidationAsync(currency, "price.currency");
        Assert.Equal(0, (await api.CreateClient().BrowseAsync($"game={game}")).Total);
    }

    [Fact]
    public async Task A_listing_update_review_and_ship_request_with_nul_are_400_before_any_handler_runs()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody());
        var order = Guid.NewGuid();

        var update = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", CatalogApi.ListingBody(game: "G" + Nul), Ct);
        var review = await seller.Client.PostAsJsonAsync($"/api/orders/{order}/reviews", new { rating = 5, text = "good" + Nul }, Ct);
        var ship = await seller.Client.PostAsJsonAsync($"/api/orders/{order}/ship", new { secret = "code", note = Nul }, Ct);

        await ProblemAssert.IsValidationAsync(update, "game");
        await ProblemAssert.IsValidationAsync(review, "text");
        await ProblemAssert.IsValidationAsync(ship, "note");
        Assert.Equal("Test Game", (await api.CreateClient().GetFromJsonAsync<Marketplace.Api.Features.Catalog.ListingResponse>(
            $"/api/listings/{listing.Id}", Ct))!.Game);
    }

    [Fact]
    public async Task A_raw_json_body_with_an_escaped_nul_is_refused_but_other_escapes_are_kept()
    {
        var client = api.CreateClient();
        var email = AccountsApi.NewEmail();

        using var nul = await client.PostAsync("/api/auth/login",
            new StringContent("""{"email":"a\u0000b@example.test","password":"x"}""", Encoding.UTF8, "application/json"), Ct);
        using var escaped = await client.PostAsync("/api/auth/register",
            new StringContent($$"""{"email":"{{email}}","password":"{{AccountsApi.DefaultPassword}}","displayName":"caf\u00e9 \"x\""}""",
                Encoding.UTF8, "application/json"), Ct);

        await ProblemAssert.IsValidationAsync(nul, "email");
        Assert.Equal(System.Net.HttpStatusCode.Created, escaped.StatusCode);
    }

    [Theory]
    [InlineData("/api/listings?game=a%00b", "game")]
    [InlineData("/api/listings?page=1&game=%00", "game")]
    [InlineData("/api/orders?unused%00name=1", "query")]
    public async Task A_query_value_with_nul_is_400_naming_the_parameter(string path, string field)
    {
        var buyer = await api.NewBuyerAsync();

        var response = await buyer.Client.GetAsync(path, Ct);

        await ProblemAssert.IsValidationAsync(response, field);
    }
}
