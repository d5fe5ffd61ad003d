using System.Net;
using System.Net.Http.Json;
using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Api;

/// <summary>The buying journey through the public HTTP APIs: list, buy, pay at the sandbox, ship, confirm.</summary>
public static class Shop
{
    public static async Task<ListingView> CreateListingAsync(this Session seller, int stock = 20, decimal amount = 9.90m)
    {
        var body = new
        {
            title = "Dragon sword",
            kind = "item",
            game = $"game-{Guid.NewGuid():N}",
            description = "A fine sword for end-to-end tests.",
            price = new { amount, currency = "CNY" },
            stock,
        };
        var response = await seller.Client.PostAsJsonAsync("/api/listings", body);
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ListingView>())!;
    }

    public static async Task<OrderView> BuyAsync(this Session buyer, Guid listingId, int quantity = 1)
    {
        var response = await buyer.Client.PostAsJsonAsync($"/api/listings/{listingId}/purchase", new { quantity });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<OrderView>())!;
    }

    public static async Task<OrderView> OrderAsync(this Session user, Guid orderId) =>
        (await user.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}"))!;

    /// <summary>The buyer asks for the pay URL, opens it at the sandbox and pays there; the sandbox notifies the marketplace.</summary>
    public static async Task<PayView> PayAtSandboxAsync(this Session buyer, Platform platform, Guid orderId)
    {
        var pay = await buyer.StartPaymentAsync(orderId);
        await platform.PayAtSandboxAsync(pay);
        return pay;
    }

    /// <summary>The marketplace's half of paying: the trade opened, its cashier URL returned.</summary>
    public static async Task<PayView> StartPaymentAsync(this Session buyer, Guid orderId)
    {
        var response = await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/pay", UriKind.Relative), null);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PayView>())!;
    }

    /// <summary>The buyer's half at the sandbox: cashier page opened, "Pay" pressed; the sandbox then notifies the marketplace.</summary>
    public static async Task PayAtSandboxAsync(this Platform platform, PayView pay)
    {
        using var sandbox = platform.SandboxClient();
        // The cashier page opens the trade; its "Pay" button calls the sandbox's pay endpoint.
        using (var page = await sandbox.GetAsync(pay.PaymentUrl))
        {
            await Expect.StatusAsync(page, HttpStatusCode.OK);
        }

        using var paid = await sandbox.PostAsync(new Uri($"/sandbox/trades/{pay.OutTradeNo}/pay", UriKind.Relative), null);
        await Expect.StatusAsync(paid, HttpStatusCode.OK);
    }

    public static Task<OrderView> WaitForStateAsync(this Session user, Guid orderId, string state) =>
        Eventually.ValueAsync(() => user.OrderAsync(orderId), o => o.State == state, $"order {orderId} in {state}");

    public static async Task<OrderView> ShipAsync(this Session seller, Guid orderId)
    {
        var response = await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { note = "sent in game mail" });
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<OrderView>())!;
    }

    public static async Task<OrderView> ConfirmAsync(this Session buyer, Guid orderId)
    {
        var response = await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm", UriKind.Relative), null);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<OrderView>())!;
    }

    /// <summary>Bought, paid through the sandbox and shipped: an order its buyer may review.</summary>
    public static async Task<OrderView> ShippedOrderAsync(this Platform platform, Session seller, Session buyer, Guid listingId)
    {
        var order = await buyer.BuyAsync(listingId);
        await buyer.PayAtSandboxAsync(platform, order.Id);
        await buyer.WaitForStateAsync(order.Id, "PAID");
        return await seller.ShipAsync(order.Id);
    }
}
