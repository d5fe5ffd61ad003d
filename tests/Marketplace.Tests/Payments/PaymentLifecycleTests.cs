using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Features.Fulfilment;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Features.Payments;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>Purchase → pay at the sandbox → notification → PAID → ship → confirm, refunds, deliveries, auto-complete: all through HTTP.</summary>
public sealed class PaymentLifecycleTests(PaymentsHarness harness) : IClassFixture<PaymentsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Purchase> PaidAsync(string kind = "code")
    {
        var purchase = await harness.PurchaseAsync(kind);
        var pay = await PaymentsHarness.PayUrlAsync(purchase.Buyer, purchase.Order.Id);
        await harness.OpenTradeAsync(pay);
        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(pay.OutTradeNo));
        await PaymentsHarness.WaitUntilAsync(async () => await harness.OrderStateAsync(purchase.Order.Id) == "PAID", TimeSpan.FromSeconds(15));
        return purchase;
    }

    [Fact]
    public async Task An_order_is_paid_through_the_sandbox_shipped_confirmed_and_completed()
    {
        var purchase = await harness.PurchaseAsync("code", amount: 19.99m);

        var pay = await PaymentsHarness.PayUrlAsync(purchase.Buyer, purchase.Order.Id);
        Assert.Equal(purchase.OutTradeNo, pay.OutTradeNo);
        Assert.Equal(purchase.Order.PaymentDeadline, pay.ExpiresAt, TimeSpan.FromMilliseconds(1));
        await harness.OpenTradeAsync(pay);
        var opened = await harness.TradeAsync(pay.OutTradeNo);
        Assert.Equal(("WAIT_BUYER_PAY", "19.99"), (opened.TradeStatus, opened.TotalAmount));
        Assert.Equal(purchase.Order.PaymentDeadline.ToUnixTimeSeconds(), opened.ExpiresAt!.Value.ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(pay.OutTradeNo));
        await PaymentsHarness.WaitUntilAsync(async () => (await harness.TradeAsync(pay.OutTradeNo)).Notifications.Single().Delivered, TimeSpan.FromSeconds(15));
        Assert.Equal("PAID", (await purchase.Buyer.Client.GetOrderAsync(purchase.Order.Id)).State);
        Assert.Equal(1, await harness.Api.ScalarAsync(
            "SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND verdict = 'APPLIED'", new NpgsqlParameter("o", pay.OutTradeNo)));

        // Only the seller ships; the code is delivered encrypted and shown to the buyer only.
        Assert.Equal(HttpStatusCode.Forbidden, (await purchase.Buyer.Client.PostAsJsonAsync($"/api/orders/{purchase.Order.Id}/ship", new { secret = "X" }, Ct)).StatusCode);
        await ProblemAssert.IsValidationAsync(await purchase.Seller.Client.PostAsJsonAsync($"/api/orders/{purchase.Order.Id}/ship", new { note = "no code" }, Ct), "secret");
        var ship = await purchase.Seller.Client.PostAsJsonAsync($"/api/orders/{purchase.Order.Id}/ship", new { secret = "ABCD-EFGH-1234", note = "enjoy" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ship.StatusCode);
        Assert.Equal("SHIPPED", (await ship.Content.ReadFromJsonAsync<OrderResponse>(Ct))!.State);
        var stored = await harness.Api.ScalarTextAsync("SELECT protected_secret FROM order_deliveries WHERE order_id = @id", purchase.Order.Id);
        Assert.DoesNotContain("ABCD-EFGH-1234", stored, StringComparison.Ordinal);
        Assert.True(await harness.Api.ScalarAsync("SELECT count(*) FROM data_protection_keys") >= 1);
        var delivery = await purchase.Buyer.Client.GetFromJsonAsync<DeliveryResponse>($"/api/orders/{purchase.Order.Id}/delivery", Ct);
        Assert.Equal(("code", "ABCD-EFGH-1234", "enjoy"), (delivery!.Kind, delivery.Secret, delivery.Note));
        Assert.Equal(HttpStatusCode.Forbidden, (await purchase.Seller.Client.GetAsync($"/api/orders/{purchase.Order.Id}/delivery", Ct)).StatusCode);

        // A refund after shipping is refused; the buyer confirms.
        await ProblemAssert.IsProblemAsync(await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/refund", null, Ct), HttpStatusCode.Conflict, "invalid-transition");
        var confirm = await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/confirm", null, Ct);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("COMPLETED", (await confirm.Content.ReadFromJsonAsync<OrderResponse>(Ct))!.State);
        await ProblemAssert.IsProblemAsync(await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/confirm", null, Ct), HttpStatusCode.Conflict, "invalid-transition");

        var history = await purchase.Buyer.Client.HistoryAsync(purchase.Order.Id);
        Assert.Equal(["PENDING_PAYMENT", "PAID", "SHIPPED", "COMPLETED"], history.Select(h => h.To));
        Assert.Equal(PaymentActors.AlipayNotification, history[1].Actor);
    }

    [Fact]
    public async Task A_refund_before_shipping_refunds_the_sandbox_trade_and_the_order_becomes_refunded()
    {
        var purchase = await PaidAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await purchase.Seller.Client.PostAsync($"/api/orders/{purchase.Order.Id}/refund", null, Ct)).StatusCode);
        var refund = await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/refund", null, Ct);

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("REFUNDED", (await refund.Content.ReadFromJsonAsync<OrderResponse>(Ct))!.State);
        var trade = await harness.TradeAsync(purchase.OutTradeNo);
        Assert.Equal(("TRADE_CLOSED", "19.99"), (trade.TradeStatus, trade.RefundedAmount));
        Assert.Equal(Refund.OutRequestNoFor(purchase.Order.Id), Assert.Single(trade.Refunds).OutRequestNo);
        Assert.Equal("SUCCEEDED", await harness.Api.ScalarTextAsync("SELECT status FROM refunds WHERE order_id = @id", purchase.Order.Id));
        // The seller can no longer ship; a second refund changes nothing.
        await ProblemAssert.IsProblemAsync(await purchase.Seller.Client.PostAsJsonAsync($"/api/orders/{purchase.Order.Id}/ship", new { secret = "X" }, Ct),
            HttpStatusCode.Conflict, "invalid-transition");
        await ProblemAssert.IsProblemAsync(await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/refund", null, Ct), HttpStatusCode.Conflict, "invalid-transition");
        Assert.Single((await harness.TradeAsync(purchase.OutTradeNo)).Refunds);
        // The sandbox's refund notice is acknowledged and ignored.
        await PaymentsHarness.WaitUntilAsync(async () => (await harness.TradeAsync(purchase.OutTradeNo)).Notifications.All(n => n.Delivered), TimeSpan.FromSeconds(15));
        Assert.Equal("REFUNDED", await harness.OrderStateAsync(purchase.Order.Id));
    }

    [Fact]
    public async Task A_payment_for_an_order_the_buyer_cancelled_is_refunded_automatically()
    {
        var purchase = await harness.PurchaseAsync();
        var pay = await PaymentsHarness.PayUrlAsync(purchase.Buyer, purchase.Order.Id);
        await harness.OpenTradeAsync(pay);
        Assert.Equal(HttpStatusCode.OK, (await purchase.Buyer.Client.CancelAsync(purchase.Order.Id)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(pay.OutTradeNo));

        await PaymentsHarness.WaitUntilAsync(async () =>
            await harness.Api.ScalarTextAsync("SELECT status FROM refunds WHERE order_id = @id", purchase.Order.Id) == "SUCCEEDED", TimeSpan.FromSeconds(15));
        Assert.Equal("19.99", (await harness.TradeAsync(pay.OutTradeNo)).RefundedAmount);
        Assert.Equal("CANCELLED", await harness.OrderStateAsync(purchase.Order.Id));
        Assert.Equal("SUCCEEDED", await harness.Api.ScalarTextAsync("SELECT status FROM refunds WHERE order_id = @id", purchase.Order.Id));
        Assert.Equal("PAID_AFTER_CANCEL", await harness.Api.ScalarTextAsync("SELECT reason FROM refunds WHERE order_id = @id", purchase.Order.Id));
        Assert.Equal(1, await harness.Api.ScalarAsync(
            "SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND verdict = 'REFUND_SCHEDULED'", new NpgsqlParameter("o", pay.OutTradeNo)));
    }

    [Fact]
    public async Task Pay_is_for_the_buyer_of_a_pending_order_only()
    {
        var purchase = await harness.PurchaseAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await purchase.Seller.Client.PostAsync($"/api/orders/{purchase.Order.Id}/pay", null, Ct)).StatusCode);
        var stranger = await harness.Api.NewBuyerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsync($"/api/orders/{purchase.Order.Id}/pay", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await purchase.Buyer.Client.CancelAsync(purchase.Order.Id)).StatusCode);
        await ProblemAssert.IsProblemAsync(await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/pay", null, Ct), HttpStatusCode.Conflict, "invalid-transition");
        await ProblemAssert.IsProblemAsync(await purchase.Buyer.Client.GetAsync($"/api/orders/{purchase.Order.Id}/delivery", Ct), HttpStatusCode.Conflict, "not-shipped");
    }

    [Fact]
    public async Task A_shipped_order_completes_by_itself_after_the_configured_delay()
    {
        var purchase = await PaidAsync("item");
        await ProblemAssert.IsValidationAsync(await purchase.Seller.Client.PostAsJsonAsync($"/api/orders/{purchase.Order.Id}/ship", new { secret = "no" }, Ct), "secret");
        Assert.Equal(HttpStatusCode.OK, (await purchase.Seller.Client.PostAsJsonAsync($"/api/orders/{purchase.Order.Id}/ship", new { note = "sent in game" }, Ct)).StatusCode);
        var completer = harness.Service<OrderAutoCompleter>();

        await completer.SweepOnceAsync(Ct);
        Assert.Equal("SHIPPED", await harness.OrderStateAsync(purchase.Order.Id));
        await harness.Api.ExecuteAsync("UPDATE order_deliveries SET shipped_at = shipped_at - interval '8 days' WHERE order_id = @id", new NpgsqlParameter("id", purchase.Order.Id));
        await completer.SweepOnceAsync(Ct);

        Assert.Equal("COMPLETED", await harness.OrderStateAsync(purchase.Order.Id));
        Assert.Equal(FulfilmentActors.AutoComplete, (await purchase.Buyer.Client.HistoryAsync(purchase.Order.Id))[^1].Actor);
        await ProblemAssert.IsProblemAsync(await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/confirm", null, Ct), HttpStatusCode.Conflict, "invalid-transition");
    }
    [Fact]
    public async Task A_flash_sale_reservation_becomes_an_order_that_is_paid_shipped_and_confirmed()
    {
        var seller = await harness.Api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(kind: "account", amount: 30m, currency: "CNY", stock: 3));
        var admin = await harness.Api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var saleId = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing.Id, 2, now.AddSeconds(-1), now.AddMinutes(10), amount: 9.99m, currency: "CNY"));
        var buyer = await harness.Api.NewBuyerAsync();
        var reservationId = await FlashSaleApi.AcceptedReservationAsync(await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, Ct));
        Guid? orderId = null;
        await PaymentsHarness.WaitUntilAsync(async () =>
            (orderId = (await buyer.Client.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{reservationId}", Ct))!.OrderId) is not null,
            TimeSpan.FromSeconds(30));

        var pay = await PaymentsHarness.PayUrlAsync(buyer, orderId!.Value);
        await harness.OpenTradeAsync(pay);
        Assert.Equal("9.99", (await harness.TradeAsync(pay.OutTradeNo)).TotalAmount);
        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(pay.OutTradeNo));
        await PaymentsHarness.WaitUntilAsync(async () => await harness.OrderStateAsync(orderId.Value) == "PAID", TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, (await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { secret = "login: hero / pw: s3cret" }, Ct)).StatusCode);
        Assert.Equal("login: hero / pw: s3cret", (await buyer.Client.GetFromJsonAsync<DeliveryResponse>($"/api/orders/{orderId}/delivery", Ct))!.Secret);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsync($"/api/orders/{orderId}/confirm", null, Ct)).StatusCode);

        Assert.Equal("COMPLETED", await harness.OrderStateAsync(orderId.Value));
    }
}
