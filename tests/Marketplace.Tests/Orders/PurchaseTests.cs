using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Orders;

public sealed class PurchaseTests(OrdersApiFactory api) : IClassFixture<OrdersApiFactory>
{
    [Fact]
    public async Task A_purchase_creates_a_pending_order_and_takes_the_stock()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 2.50m, currency: "EUR", stock: 5));

        var response = await buyer.Client.PurchaseAsync(listing.Id, 3);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await buyer.Client.GetOrderAsync(Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]));
        Assert.Equal("PENDING_PAYMENT", order.State);
        Assert.Equal((buyer.Id, seller.Id, listing.Id, 3), (order.BuyerId, order.SellerId, order.ListingId, order.Quantity));
        Assert.Equal((2.50m, "EUR"), (order.UnitPrice.Amount, order.UnitPrice.Currency));
        Assert.Equal((7.50m, "EUR"), (order.Total.Amount, order.Total.Currency));
        Assert.Null(order.FlashSaleId);
        Assert.InRange(order.PaymentDeadline - order.CreatedAt, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15.1));
        Assert.Equal(2, await buyer.Client.StockAsync(listing.Id));
        var history = await buyer.Client.HistoryAsync(order.Id);
        var created = Assert.Single(history);
        Assert.Equal((null, "PENDING_PAYMENT", $"buyer:{buyer.Id}"), (created.From, created.To, created.Actor));
    }

    [Fact]
    public async Task Buying_more_than_the_stock_is_409_insufficient_stock_and_changes_nothing()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 2));

        var response = await buyer.Client.PurchaseAsync(listing.Id, 3);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "insufficient-stock");
        Assert.Equal(2, await buyer.Client.StockAsync(listing.Id));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM orders"
            + $" WHERE listing_id = '{listing.Id}'"));
    }

    [Fact]
    public async Task Unknown_and_delisted_listings_are_404()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody());
        Assert.Equal(HttpStatusCode.NoContent,
            (await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", TestContext.Current.CancellationToken)).StatusCode);

        await ProblemAssert.IsProblemAsync(await buyer.Client.PurchaseAsync(listing.Id, 1), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await buyer.Client.PurchaseAsync(Guid.NewGuid(), 1), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_seller_cannot_buy_their_own_listing()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody());

        await ProblemAssert.IsProblemAsync(await seller.Client.PurchaseAsync(listing.Id, 1), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(5, await seller.Client.StockAsync(listing.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_quantity_out_of_range_is_a_validation_problem(int quantity)
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody());

        await ProblemAssert.IsValidationAsync(await buyer.Client.PurchaseAsync(listing.Id, quantity), "quantity");
    }

    [Fact]
    public async Task Anonymous_purchase_is_401()
    {
        var response = await api.CreateClient().PurchaseAsync(Guid.NewGuid(), 1);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Concurrent_buyers_never_oversell_and_every_unit_sold_has_one_order()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 15));
        var buyers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => api.NewBuyerAsync()));

        var responses = await Task.WhenAll(buyers.Select(b => b.Client.PurchaseAsync(listing.Id, 1)));

        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            // Short of stock, or (rarely) the bounded retry ran out; never a 5xx.
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Conflict });
        }

        Assert.Equal(0, await seller.Client.StockAsync(listing.Id));
        Assert.Equal(15, await api.ScalarAsync($"SELECT coalesce(sum(quantity), 0) FROM orders WHERE listing_id = '{listing.Id}'"));
    }
}
