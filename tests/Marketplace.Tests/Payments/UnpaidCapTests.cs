using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;

namespace Marketplace.Tests.Payments;

/// <summary>
/// A buyer cannot hold a listing's stock with unpaid orders: past Orders:MaxUnpaidUnitsPerListing (default 20)
/// a purchase is 409 unpaid-limit; paying or cancelling frees the cap. Runs on the production default.
/// </summary>
public sealed class UnpaidCapTests(PaymentsHarness harness) : IClassFixture<PaymentsHarness>
{
    private const int Cap = 20;

    private async Task<(TestUser Buyer, Guid ListingId)> ListingAndBuyerAsync(int stock)
    {
        var seller = await harness.Api.NewSellerAsync();
        var buyer = await harness.Api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: 1m, currency: "CNY", stock: stock));
        return (buyer, listing.Id);
    }

    [Fact]
    public async Task Unpaid_units_past_the_cap_are_refused_and_stock_stays_for_others()
    {
        var (buyer, listingId) = await ListingAndBuyerAsync(stock: 50);
        await buyer.Client.BuyAsync(listingId, Cap - 5);
        await buyer.Client.BuyAsync(listingId, 5);

        var refused = await buyer.Client.PurchaseAsync(listingId, 1);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "unpaid-limit");
        Assert.Equal(50 - Cap, await buyer.Client.StockAsync(listingId));
        var other = await harness.Api.NewBuyerAsync();
        await other.Client.BuyAsync(listingId, Cap);
    }

    [Fact]
    public async Task One_order_larger_than_the_cap_is_refused()
    {
        var (buyer, listingId) = await ListingAndBuyerAsync(stock: 50);

        await ProblemAssert.IsProblemAsync(await buyer.Client.PurchaseAsync(listingId, Cap + 1), HttpStatusCode.Conflict, "unpaid-limit");
        Assert.Equal(50, await buyer.Client.StockAsync(listingId));
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_frees_the_cap()
    {
        var (buyer, listingId) = await ListingAndBuyerAsync(stock: 50);
        var held = await buyer.Client.BuyAsync(listingId, Cap);
        await ProblemAssert.IsProblemAsync(await buyer.Client.PurchaseAsync(listingId, 1), HttpStatusCode.Conflict, "unpaid-limit");

        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.CancelAsync(held.Id)).StatusCode);

        await buyer.Client.BuyAsync(listingId, Cap);
    }

    [Fact]
    public async Task Paying_an_order_frees_the_cap()
    {
        var (buyer, listingId) = await ListingAndBuyerAsync(stock: 50);
        var held = await buyer.Client.BuyAsync(listingId, Cap);
        await ProblemAssert.IsProblemAsync(await buyer.Client.PurchaseAsync(listingId, 1), HttpStatusCode.Conflict, "unpaid-limit");

        var pay = await PaymentsHarness.PayUrlAsync(buyer, held.Id);
        await harness.OpenTradeAsync(pay);
        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(pay.OutTradeNo));
        await PaymentsHarness.WaitUntilAsync(async () => await harness.OrderStateAsync(held.Id) == "PAID", TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Created, (await buyer.Client.PurchaseAsync(listingId, Cap)).StatusCode);
    }
}
