using System.Net.Http.Json;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Purchases;

/// <summary>Register, list, buy, pay at the Alipay sandbox, ship, confirm: three processes talking HTTP to each other.</summary>
public sealed class PurchaseJourneyTests(Platform platform) : PlatformTest(platform), IClassFixture<Platform>
{
    [Fact]
    public async Task A_buyer_pays_at_the_sandbox_and_the_order_is_shipped_and_completed()
    {
        var seller = await Platform.NewSellerAsync();
        var buyer = await Platform.NewBuyerAsync();
        var listing = await seller.CreateListingAsync(stock: 3, amount: 12.34m);

        var order = await buyer.BuyAsync(listing.Id);
        Assert.Equal("PENDING_PAYMENT", order.State);
        var pay = await buyer.PayAtSandboxAsync(Platform, order.Id);

        await buyer.WaitForStateAsync(order.Id, "PAID");
        using var sandbox = Platform.SandboxClient();
        var trade = await sandbox.GetFromJsonAsync<SandboxTradeView>($"/sandbox/trades/{pay.OutTradeNo}", Ct);
        Assert.Equal(("TRADE_SUCCESS", "12.34"), (trade!.TradeStatus, trade.TotalAmount));
        Assert.Equal("SHIPPED", (await seller.ShipAsync(order.Id)).State);
        Assert.Equal("COMPLETED", (await buyer.ConfirmAsync(order.Id)).State);
        var history = await buyer.Client.GetFromJsonAsync<List<HistoryEntryView>>($"/api/orders/{order.Id}/history", Ct);
        Assert.Equal(["PENDING_PAYMENT", "PAID", "SHIPPED", "COMPLETED"], history!.Select(h => h.To));
        var stock = (await buyer.Client.GetFromJsonAsync<ListingView>($"/api/listings/{listing.Id}", Ct))!.Stock;
        Assert.Equal(2, stock);
    }

    [Fact]
    public async Task A_payment_notification_missed_while_the_marketplace_is_down_is_applied_once_after_its_restart()
    {
        var seller = await Platform.NewSellerAsync();
        var buyer = await Platform.NewBuyerAsync();
        var listing = await seller.CreateListingAsync();
        var order = await buyer.BuyAsync(listing.Id);
        var pay = await buyer.Client.PostAsync(new Uri($"/api/orders/{order.Id}/pay", UriKind.Relative), null, Ct);
        var payView = (await pay.Content.ReadFromJsonAsync<PayView>(Ct))!;
        using var sandbox = Platform.SandboxClient();
        using (var page = await sandbox.GetAsync(payView.PaymentUrl, Ct))
        {
            await Expect.StatusAsync(page, System.Net.HttpStatusCode.OK);
        }

        // The buyer pays while the marketplace is dead: the first notification attempts find nobody listening.
        await Platform.Marketplace.CrashAsync();
        using (var paid = await sandbox.PostAsync(new Uri($"/sandbox/trades/{payView.OutTradeNo}/pay", UriKind.Relative), null, Ct))
        {
            await Expect.StatusAsync(paid, System.Net.HttpStatusCode.OK);
        }

        await Eventually.ValueAsync(
            () => sandbox.GetFromJsonAsync<SandboxTradeView>($"/sandbox/trades/{payView.OutTradeNo}", Ct),
            t => t!.Notifications.Any(n => n.Attempts > 0),
            "a failed notification attempt");
        await Platform.Marketplace.StartAsync(Ct);

        await buyer.WaitForStateAsync(order.Id, "PAID");
        var history = await buyer.Client.GetFromJsonAsync<List<HistoryEntryView>>($"/api/orders/{order.Id}/history", Ct);
        Assert.Equal(["PENDING_PAYMENT", "PAID"], history!.Select(h => h.To));
        Assert.Equal(1, await Platform.Stores.CountAsync(
            "SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND verdict = 'APPLIED'",
            new Npgsql.NpgsqlParameter("o", payView.OutTradeNo)));
    }
}
