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
}
