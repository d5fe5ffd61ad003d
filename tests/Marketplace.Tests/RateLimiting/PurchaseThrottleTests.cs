using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Payments;
using Marketplace.Api.Infrastructure.RateLimiting;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;

namespace Marketplace.Tests.RateLimiting;

public sealed class PurchaseThrottleApiFactory() : ThrottledApiFactory(new Dictionary<string, string?>
{
    ["RateLimiting:PurchasePerBuyer:PermitLimit"] = "2",
    ["RateLimiting:PurchasePerBuyer:Window"] = "00:01:00",
    ["RateLimiting:PurchasePerAddress:PermitLimit"] = "2",
    ["RateLimiting:PurchasePerAddress:Window"] = "00:01:00",
    ["RateLimiting:ReviewPerBuyer:PermitLimit"] = "1",
    ["RateLimiting:ReviewPerBuyer:Window"] = "00:01:00",
    ["RateLimiting:PaymentNotifyPerAddress:PermitLimit"] = "2",
    ["RateLimiting:PaymentNotifyPerAddress:Window"] = "00:01:00",
});

/// <summary>Purchases, review submissions and payment notifications each stop at their limit.</summary>
public sealed class PurchaseThrottleTests(PurchaseThrottleApiFactory api) : IClassFixture<PurchaseThrottleApiFactory>
{
    private static Task<HttpResponseMessage> FlashPurchaseAsync(HttpClient buyer, Guid saleId) =>
        buyer.PostAsync($"/api/flash-sales/{saleId}/purchase", null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_buyer_past_the_purchase_limit_is_429_on_listings_and_flash_sales_alike_from_any_address()
    {
        using var refusals = new RefusalCounter(api.Services);
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 10));

        Assert.Equal(HttpStatusCode.Created, (await api.From(ThrottledClients.NewAddress(), buyer.Token).PurchaseAsync(listing.Id, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.From(ThrottledClients.NewAddress(), buyer.Token).PurchaseAsync(listing.Id, 1)).StatusCode);

        await ThrottledClients.IsRefusedAsync(
            await api.From(ThrottledClients.NewAddress(), buyer.Token).PurchaseAsync(listing.Id, 1), "rate-limited", 60);
        await ThrottledClients.IsRefusedAsync(
            await FlashPurchaseAsync(api.From(ThrottledClients.NewAddress(), buyer.Token), Guid.NewGuid()), "rate-limited", 60);
        Assert.Equal(2, refusals[RateLimitPolicies.PurchasePerBuyer]);
        Assert.Equal(8, await buyer.Client.StockAsync(listing.Id));
    }

    [Fact]
    public async Task Purchases_from_one_address_past_its_limit_are_429_whoever_buys()
    {
        using var refusals = new RefusalCounter(api.Services);
        var address = ThrottledClients.NewAddress();
        var first = await api.NewBuyerAsync();
        var second = await api.NewBuyerAsync();

        // Unknown sales: the limit counts before the handler looks the sale up.
        Assert.Equal(HttpStatusCode.NotFound, (await FlashPurchaseAsync(api.From(address, first.Token), Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FlashPurchaseAsync(api.From(address, second.Token), Guid.NewGuid())).StatusCode);

        await ThrottledClients.IsRefusedAsync(
            await FlashPurchaseAsync(api.From(address, second.Token), Guid.NewGuid()), "rate-limited", 60);
        Assert.Equal(1, refusals[RateLimitPolicies.PurchasePerAddress]);
        Assert.Equal(HttpStatusCode.NotFound,
            (await FlashPurchaseAsync(api.From(ThrottledClients.NewAddress(), first.Token), Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task Review_submissions_past_the_per_buyer_limit_are_429()
    {
        using var refusals = new RefusalCounter(api.Services);
        var buyer = await api.NewBuyerAsync();
        var body = new { rating = 5, text = "Great." };

        var first = await buyer.Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/reviews", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);

        await ThrottledClients.IsRefusedAsync(
            await buyer.Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/reviews", body, TestContext.Current.CancellationToken),
            "rate-limited", 60);
        Assert.Equal(1, refusals[RateLimitPolicies.ReviewPerBuyer]);
    }

    [Fact]
    public async Task Payment_notifications_past_the_per_address_limit_are_429()
    {
        using var refusals = new RefusalCounter(api.Services);
        var source = ThrottledClients.NewAddress();
        static FormUrlEncodedContent Forged() => new([new("out_trade_no", Guid.NewGuid().ToString("N")), new("sign", "forged")]);

        for (var i = 0; i < 2; i++)
        {
            var accepted = await api.From(source).PostAsync(PayOrderHandler.NotifyPath, Forged(), TestContext.Current.CancellationToken);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, accepted.StatusCode);
        }

        await ThrottledClients.IsRefusedAsync(
            await api.From(source).PostAsync(PayOrderHandler.NotifyPath, Forged(), TestContext.Current.CancellationToken), "rate-limited", 60);
        Assert.Equal(1, refusals[RateLimitPolicies.PaymentNotifyPerAddress]);
        var elsewhere = await api.From(ThrottledClients.NewAddress()).PostAsync(PayOrderHandler.NotifyPath, Forged(), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);
    }
}
