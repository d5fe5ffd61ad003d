using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Orders;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Orders;

public sealed class OrderReadTests(OrdersApiFactory api) : IClassFixture<OrdersApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_is_visible_to_its_buyer_and_seller_and_404_to_anyone_else()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var stranger = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody());
        var order = await buyer.Client.BuyAsync(listing.Id);

        Assert.Equal(order.Id, (await buyer.Client.GetOrderAsync(order.Id)).Id);
        Assert.Equal(order.Id, (await seller.Client.GetOrderAsync(order.Id)).Id);
        Assert.Single(await seller.Client.HistoryAsync(order.Id));
        await ProblemAssert.IsProblemAsync(await stranger.Client.GetAsync($"/api/orders/{order.Id}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await stranger.Client.GetAsync($"/api/orders/{order.Id}/history", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await buyer.Client.GetAsync($"/api/orders/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await api.CreateClient().GetAsync($"/api/orders/{order.Id}", Ct), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task My_orders_are_mine_only_newest_first_and_paged_without_overlap()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var other = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 50));
        var mine = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add((await buyer.Client.BuyAsync(listing.Id)).Id);
        }

        await other.Client.BuyAsync(listing.Id);

        var first = (await buyer.Client.GetFromJsonAsync<OrderPage>("/api/orders?page=1&pageSize=2", Ct))!;
        var second = (await buyer.Client.GetFromJsonAsync<OrderPage>("/api/orders?page=2&pageSize=2", Ct))!;
        var third = (await buyer.Client.GetFromJsonAsync<OrderPage>("/api/orders?page=3&pageSize=2", Ct))!;

        Assert.Equal(5, first.Total);
        var paged = first.Items.Concat(second.Items).Concat(third.Items).Select(o => o.Id).ToList();
        Assert.Equal(Enumerable.Reverse(mine), paged);
        Assert.All(first.Items, o => Assert.Equal(buyer.Id, o.BuyerId));
    }

    [Fact]
    public async Task Bad_paging_is_a_validation_problem()
    {
        var buyer = await api.NewBuyerAsync();

        await ProblemAssert.IsValidationAsync(await buyer.Client.GetAsync("/api/orders?page=0&pageSize=x", Ct), "page", "pageSize");
        await ProblemAssert.IsValidationAsync(await buyer.Client.GetAsync("/api/orders?pageSize=101", Ct), "pageSize");
    }

    [Fact]
    public async Task Role_seller_lists_what_the_caller_sold_and_role_buyer_is_the_default()
    {
        var seller = await api.NewSellerAsync();
        var otherSeller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 50));
        var otherListing = await otherSeller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 50));
        var sold = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            sold.Add((await buyer.Client.BuyAsync(listing.Id)).Id);
        }

        await buyer.Client.BuyAsync(otherListing.Id);
        // The seller buys too: those are theirs as buyer, not as seller.
        var bought = await seller.Client.BuyAsync(otherListing.Id);

        var asSeller = (await seller.Client.GetFromJsonAsync<OrderPage>("/api/orders?role=seller", Ct))!;
        var asSellerPaged = (await seller.Client.GetFromJsonAsync<OrderPage>("/api/orders?role=SELLER&page=2&pageSize=2", Ct))!;
        var asBuyer = (await seller.Client.GetFromJsonAsync<OrderPage>("/api/orders?role=buyer", Ct))!;
        var byDefault = (await seller.Client.GetFromJsonAsync<OrderPage>("/api/orders", Ct))!;
        var buyerSells = (await buyer.Client.GetFromJsonAsync<OrderPage>("/api/orders?role=seller", Ct))!;

        Assert.Equal(Enumerable.Reverse(sold), asSeller.Items.Select(o => o.Id));
        Assert.All(asSeller.Items, o => Assert.Equal(seller.Id, o.SellerId));
        Assert.Equal(3, asSellerPaged.Total);
        Assert.Equal([sold[0]], asSellerPaged.Items.Select(o => o.Id));
        Assert.Equal([bought.Id], asBuyer.Items.Select(o => o.Id));
        Assert.Equal([bought.Id], byDefault.Items.Select(o => o.Id));
        Assert.Equal(0, buyerSells.Total);
    }

    [Fact]
    public async Task State_filters_either_side_by_the_order_state_name()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 50));
        var pending = await buyer.Client.BuyAsync(listing.Id);
        var cancelled = await buyer.Client.BuyAsync(listing.Id);
        var shipped = await buyer.Client.BuyAsync(listing.Id);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.CancelAsync(cancelled.Id)).StatusCode);
        await api.ExecuteSqlAsync("UPDATE orders SET state = 'SHIPPED' WHERE id = {0}", shipped.Id);

        async Task<IReadOnlyList<Guid>> Ids(TestUser user, string query) =>
            [.. (await user.Client.GetFromJsonAsync<OrderPage>("/api/orders?" + query, Ct))!.Items.Select(o => o.Id)];

        Assert.Equal([pending.Id], await Ids(buyer, "state=PENDING_PAYMENT"));
        Assert.Equal([cancelled.Id], await Ids(buyer, "state=CANCELLED&role=buyer"));
        Assert.Equal([shipped.Id], await Ids(seller, "role=seller&state=SHIPPED"));
        Assert.Equal([shipped.Id], await Ids(seller, "role=seller&state=shipped"));
        Assert.Empty(await Ids(seller, "role=seller&state=REFUNDED"));
        Assert.Empty(await Ids(seller, "state=SHIPPED"));
    }

    [Fact]
    public async Task Unknown_role_or_state_is_a_validation_problem_naming_it()
    {
        var buyer = await api.NewBuyerAsync();

        await ProblemAssert.IsValidationAsync(await buyer.Client.GetAsync("/api/orders?role=admin", Ct), "role");
        await ProblemAssert.IsValidationAsync(await buyer.Client.GetAsync("/api/orders?state=LOST", Ct), "state");
        await ProblemAssert.IsValidationAsync(await buyer.Client.GetAsync("/api/orders?state=PENDING", Ct), "state");
        await ProblemAssert.IsValidationAsync(await buyer.Client.GetAsync("/api/orders?role=x&state=y&page=0", Ct), "role", "state", "page");
    }
}
