using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>
/// Alipay reads every amount as yuan: an order priced in any other currency is refused at the pay
/// step (before, 10 USD was charged as 10 CNY and 10,000 JPY as 10,000 CNY) and no payment is opened.
/// </summary>
public sealed class PaymentCurrencyTests(PaymentsHarness harness) : IClassFixture<PaymentsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(10, "USD")]
    [InlineData(10_000, "JPY")]
    public async Task An_order_in_a_currency_the_gateway_does_not_charge_is_409_and_opens_no_payment(int amount, string currency)
    {
        var seller = await harness.Api.NewSellerAsync();
        var buyer = await harness.Api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(amount: amount, currency: currency));
        var order = await buyer.Client.BuyAsync(listing.Id);

        var response = await buyer.Client.PostAsync($"/api/orders/{order.Id}/pay", null, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "currency-not-charged");
        Assert.Contains(currency, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await harness.Api.ScalarAsync("SELECT count(*) FROM payments WHERE order_id = @id", new NpgsqlParameter("id", order.Id)));
        Assert.Equal("PENDING_PAYMENT", await harness.OrderStateAsync(order.Id));
    }

    [Fact]
    public async Task An_order_in_yuan_still_gets_its_payment_url()
    {
        var purchase = await harness.PurchaseAsync(amount: 10m);

        var pay = await PaymentsHarness.PayUrlAsync(purchase.Buyer, purchase.Order.Id);

        Assert.Contains("total_amount", Uri.UnescapeDataString(pay.PaymentUrl.ToString()), StringComparison.Ordinal);
    }
}
