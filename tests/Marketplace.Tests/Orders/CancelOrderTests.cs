using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Orders;

public sealed class CancelOrderTests(OrdersApiFactory api) : IClassFixture<OrdersApiFactory>
{
    [Fact]
    public async Task The_buyer_cancels_a_pending_order_and_the_stock_comes_back()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var order = await buyer.Client.BuyAsync(listing.Id, 2);

        var response = await buyer.Client.CancelAsync(order.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await buyer.Client.GetOrderAsync(order.Id);
        Assert.Equal("CANCELLED", cancelled.State);
        Assert.Equal(order.Version + 1, cancelled.Version);
        Assert.Equal(5, await buyer.Client.StockAsync(listing.Id));
        var history = await buyer.Client.HistoryAsync(order.Id);
        Assert.Equal(["PENDING_PAYMENT", "CANCELLED"], history.Select(h => h.To));
        Assert.Equal(("PENDING_PAYMENT", $"buyer:{buyer.Id}"), (history[1].From, history[1].Actor));
    }

    [Fact]
    public async Task Cancelling_twice_is_409_invalid_transition_and_returns_the_stock_once()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var order = await buyer.Client.BuyAsync(listing.Id, 1);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.CancelAsync(order.Id)).StatusCode);

        var again = await buyer.Client.CancelAsync(order.Id);

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "invalid-transition");
        Assert.Equal(5, await buyer.Client.StockAsync(listing.Id));
        Assert.Equal(2, (await buyer.Client.HistoryAsync(order.Id)).Count);
    }

    [Theory]
    [InlineData("PAID")]
    [InlineData("SHIPPED")]
    [InlineData("COMPLETED")]
    [InlineData("REFUNDED")]
    public async Task Orders_past_payment_cannot_be_cancelled(string state)
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var order = await buyer.Client.BuyAsync(listing.Id, 1);
        await api.ExecuteSqlAsync("UPDATE orders SET state = {0} WHERE id = {1}", state, order.Id);

        await ProblemAssert.IsProblemAsync(await buyer.Client.CancelAsync(order.Id), HttpStatusCode.Conflict, "invalid-transition");
        Assert.Equal(state, (await buyer.Client.GetOrderAsync(order.Id)).State);
        Assert.Equal(4, await buyer.Client.StockAsync(listing.Id));
    }

    [Fact]
    public async Task The_seller_may_not_cancel_and_strangers_see_404()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var stranger = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var order = await buyer.Client.BuyAsync(listing.Id, 1);

        await ProblemAssert.IsProblemAsync(await seller.Client.CancelAsync(order.Id), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await stranger.Client.CancelAsync(order.Id), HttpStatusCode.NotFound, "not-found");
        Assert.Equal("PENDING_PAYMENT", (await buyer.Client.GetOrderAsync(order.Id)).State);
    }
}
