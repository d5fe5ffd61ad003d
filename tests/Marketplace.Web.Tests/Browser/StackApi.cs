using System.Net;
using System.Net.Http.Json;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;

namespace Marketplace.Web.Tests.Browser;

using Session = EndToEnd.Tests.Api.Session;

/// <summary>Set-up the browser tests do through the API (the steps they are not about): sales, purchases, payments.</summary>
internal static class StackApi
{
    public sealed record Created(Guid Id);

    public sealed record Accepted(Guid ReservationId);

    public static async Task<Guid> CreateFlashSaleAsync(this Platform platform, Guid listingId, int stock)
    {
        var admin = await platform.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var response = await admin.Client.PostAsJsonAsync("/api/flash-sales", new
        {
            listingId,
            price = new { amount = 4.90m, currency = "CNY" },
            stock,
            startsAt = now.AddSeconds(-5),
            endsAt = now.AddHours(1),
            perUserLimit = 1,
            minAccountAgeMinutes = 0,
        });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    /// <summary>A buyer takes one unit of the sale through the API (202 and a reservation).</summary>
    public static async Task JoinFlashSaleAsync(this Session buyer, Guid saleId)
    {
        var response = await buyer.Client.PostAsync(new Uri($"/api/flash-sales/{saleId}/purchase", UriKind.Relative), null);
        await Expect.StatusAsync(response, HttpStatusCode.Accepted);
    }

    /// <summary>A digital-code listing (one the seller ships with a secret the buyer reads).</summary>
    public static async Task<Guid> CreateCodeListingAsync(this Session seller, int stock)
    {
        var response = await seller.Client.PostAsJsonAsync("/api/listings", new
        {
            title = "Realm Quest 1000 gems",
            kind = "code",
            game = "Realm Quest",
            description = "A code for 1000 gems, redeemed in the launcher.",
            price = new { amount = 19.90m, currency = "CNY" },
            stock,
        });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    /// <summary>The seller ships a code (the secret only the buyer may read).</summary>
    public static async Task ShipCodeAsync(this Session seller, Guid orderId, string code)
    {
        var response = await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { secret = code, note = "redeem it in the launcher" });
        await Expect.StatusAsync(response, HttpStatusCode.OK);
    }

    /// <summary>An order bought and paid through the API and the sandbox, waiting for its seller to ship.</summary>
    public static async Task<Guid> PaidOrderAsync(this Platform platform, Session buyer, Guid listingId)
    {
        var order = await buyer.BuyAsync(listingId);
        await buyer.PayAtSandboxAsync(platform, order.Id);
        await buyer.WaitForStateAsync(order.Id, "PAID");
        return order.Id;
    }
}
