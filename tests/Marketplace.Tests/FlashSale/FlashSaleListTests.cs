using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// <c>GET /api/flash-sales</c>: live, upcoming or both (the default), soonest start first, each sale with its listing's
/// title and game and the gate's remaining stock. Other tests' sales share the fixture, so each test checks its own
/// sales' places in the list.
/// </summary>
public sealed class FlashSaleListTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_upcoming_and_current_list_the_right_sales_soonest_first_and_never_ended_ones()
    {
        var (listing, title, game) = await ListingAsync();
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var liveEarly = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 2, now.AddMinutes(-2), now.AddMinutes(10), amount: 7.5m));
        var liveLate = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 2, now.AddMinutes(-1), now.AddMinutes(10)));
        var soon = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 2, now.AddMinutes(5), now.AddMinutes(20)));
        var later = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 2, now.AddHours(1), now.AddHours(2)));
        var ended = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 2, now.AddMinutes(-3), now.AddMinutes(10)));
        await api.ScalarAsync("UPDATE flash_sales SET starts_at = @now - interval '2 hours', ends_at = @now - interval '1 hour' WHERE id = @id",
            new NpgsqlParameter("now", now), new NpgsqlParameter("id", ended));
        var client = api.CreateClient();

        var live = Mine(await AllAsync(client, "status=live"), listing);
        var upcoming = Mine(await AllAsync(client, "status=upcoming"), listing);
        var current = Mine(await AllAsync(client, "status=current"), listing);
        var byDefault = Mine(await AllAsync(client, ""), listing);

        Assert.Equal([liveEarly, liveLate], live.Select(s => s.Id));
        Assert.All(live, s => Assert.Equal(FlashSaleStatus.Active, s.Status));
        Assert.Equal([soon, later], upcoming.Select(s => s.Id));
        Assert.All(upcoming, s => Assert.Equal(FlashSaleStatus.Scheduled, s.Status));
        Assert.Equal([liveEarly, liveLate, soon, later], current.Select(s => s.Id));
        Assert.Equal(current.Select(s => s.Id), byDefault.Select(s => s.Id));
        var first = current[0];
        Assert.Equal((title, game, 7.5m, "USD", 2, 2, 1), (first.ListingTitle, first.Game, first.Price.Amount, first.Price.Currency, first.Stock, first.RemainingStock, first.PerUserLimit));
        Assert.Equal(now.AddMinutes(-2).ToUnixTimeSeconds(), first.StartsAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Pages_walk_the_list_without_overlap_and_agree_on_the_total()
    {
        var (listing, _, _) = await ListingAsync();
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 1, now.AddMinutes(30 + i), now.AddMinutes(60)));
        }

        var client = api.CreateClient();
        var whole = (await client.GetFromJsonAsync<FlashSalePage>("/api/flash-sales?pageSize=100", Ct))!;
        var walked = new List<FlashSaleSummary>();
        for (var page = 1; page <= (whole.Total + 1) / 2; page++)
        {
            var part = (await client.GetFromJsonAsync<FlashSalePage>($"/api/flash-sales?page={page}&pageSize=2", Ct))!;
            Assert.Equal(whole.Total, part.Total);
            Assert.Equal((page, 2), (part.Page, part.PageSize));
            walked.AddRange(part.Items);
        }

        Assert.Equal(whole.Items.Select(s => s.Id), walked.Select(s => s.Id));
        Assert.Equal(whole.Total, walked.Count);
        Assert.Equal(walked.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(s => s.Id), walked.Select(s => s.Id));
    }

    [Fact]
    public async Task Remaining_stock_is_the_gates_count_and_PostgreSQLs_for_a_sale_not_in_Redis()
    {
        var (listing, _, _) = await ListingAsync();
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var gated = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 4, now.AddMinutes(-1), now.AddMinutes(10)));
        var unprimed = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing, 3, now.AddMinutes(-1), now.AddMinutes(10)));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        // Redis says what buyers can still reserve; PostgreSQL's count only moves when an order is created.
        await redis.GetDatabase().HashSetAsync(api.KeyPrefix + "flash:{" + gated.ToString("N") + "}:sale", "stock", 1);
        await redis.GetDatabase().KeyDeleteAsync(api.KeyPrefix + "flash:{" + unprimed.ToString("N") + "}:sale");

        var live = Mine(await AllAsync(api.CreateClient(), "status=live"), listing).ToDictionary(s => s.Id);

        Assert.Equal((4, 1), (live[gated].Stock, live[gated].RemainingStock));
        Assert.Equal((3, 3), (live[unprimed].Stock, live[unprimed].RemainingStock));
    }

    [Theory]
    [InlineData("status=ended", "status")]
    [InlineData("status=all", "status")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("status=x&page=abc", "status", "page")]
    public async Task Bad_parameters_are_400_naming_them(string query, params string[] fields)
    {
        await ProblemAssert.IsValidationAsync(await api.CreateClient().GetAsync("/api/flash-sales?" + query, Ct), fields);
    }

    private async Task<(Guid Id, string Title, string Game)> ListingAsync()
    {
        var seller = await api.NewSellerAsync();
        var game = CatalogApi.NewGame();
        var title = "Sale " + Guid.NewGuid().ToString("N")[..8];
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(game: game, title: title, stock: 50));
        return (listing.Id, title, game);
    }

    private static async Task<List<FlashSaleSummary>> AllAsync(HttpClient client, string query)
    {
        var all = new List<FlashSaleSummary>();
        for (var page = 1; ; page++)
        {
            var part = (await client.GetFromJsonAsync<FlashSalePage>($"/api/flash-sales?pageSize=100&page={page}&{query}", Ct))!;
            all.AddRange(part.Items);
            if (part.Items.Count < part.PageSize)
            {
                return all;
            }
        }
    }

    private static List<FlashSaleSummary> Mine(IEnumerable<FlashSaleSummary> sales, Guid listingId) =>
        [.. sales.Where(s => s.ListingId == listingId)];
}
