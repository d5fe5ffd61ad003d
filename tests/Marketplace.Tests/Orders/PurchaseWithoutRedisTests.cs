using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Orders;

/// <summary>Without Redis the purchase lock cannot be taken: purchases fail closed, taking nothing.</summary>
public sealed class PurchaseWithoutRedisTests(DeadRedisApiFactory api) : IClassFixture<DeadRedisApiFactory>
{
    [Fact]
    public async Task A_purchase_is_503_and_takes_no_stock()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));

        var response = await buyer.Client.PurchaseAsync(listing.Id, 1);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Equal(5, await buyer.Client.StockAsync(listing.Id));
    }
}
