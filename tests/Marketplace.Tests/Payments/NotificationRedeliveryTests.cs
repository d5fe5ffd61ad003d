using Marketplace.Alipay;
using Marketplace.Alipay.Trades;
using Marketplace.Api.Domain;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>The sandbox retries a notification the marketplace refuses (order unknown yet) and stops once it answers success.</summary>
public sealed class NotificationRedeliveryTests(PaymentsHarness harness) : IClassFixture<PaymentsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_refused_while_the_order_is_unknown_is_retried_until_success_and_then_stops()
    {
        var purchase = await harness.PurchaseAsync(amount: 19.99m);
        var orderId = Guid.CreateVersion7();
        var outTradeNo = orderId.ToString("N");
        // A trade the marketplace does not know yet (as if its order were still being written).
        var url = harness.Service<AlipayClient>().BuildPagePayUrl(new PagePayRequest(outTradeNo, 19.99m, "late order")
        {
            NotifyUrl = "http://localhost/api/payments/alipay/notify",
        });
        using (var page = await harness.Sandbox.GetAsync(new Uri(url), Ct))
        {
            Assert.True(page.IsSuccessStatusCode);
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, await harness.SandboxPayAsync(outTradeNo));
        await PaymentsHarness.WaitUntilAsync(async () => (await harness.TradeAsync(outTradeNo)).Notifications.Single().Attempts >= 2, TimeSpan.FromSeconds(15));
        Assert.EndsWith("failure", (await harness.TradeAsync(outTradeNo)).Notifications.Single().LastResult, StringComparison.Ordinal);

        // The order and its payment appear; the next retry is accepted.
        await using (var scope = harness.Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<OrderCreation>().TryCreateAsync(db, new NewOrder(
                purchase.Buyer.Id, purchase.Seller.Id, purchase.Listing.Id, 1, Money.Create(19.99m, "CNY"),
                OrderActors.Buyer(purchase.Buyer.Id), OrderId: orderId), Ct);
            await transaction.CommitAsync(Ct);
        }

        await PaymentsHarness.PayUrlAsync(purchase.Buyer, orderId);
        await PaymentsHarness.WaitUntilAsync(async () => (await harness.TradeAsync(outTradeNo)).Notifications.Single().Delivered, TimeSpan.FromSeconds(15));
        var delivered = (await harness.TradeAsync(outTradeNo)).Notifications.Single();
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // longer than any remaining gap of the compressed schedule

        var after = (await harness.TradeAsync(outTradeNo)).Notifications.Single();
        Assert.Equal(("success", delivered.Attempts, (DateTimeOffset?)null), (after.LastResult, after.Attempts, after.NextAttemptAt));
        Assert.Equal("PAID", await harness.OrderStateAsync(orderId));
        var refused = await harness.Api.ScalarAsync("SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND verdict = 'REFUSED'",
            new NpgsqlParameter("o", outTradeNo));
        Assert.Equal(after.Attempts - 1, refused);
        Assert.Equal(1, await harness.Api.ScalarAsync("SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND verdict = 'APPLIED'",
            new NpgsqlParameter("o", outTradeNo)));
    }
}
