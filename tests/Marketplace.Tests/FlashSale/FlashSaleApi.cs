using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.FlashSale;

/// <summary>Flash-sale calls through the public HTTP API.</summary>
public static class FlashSaleApi
{
    public static object SaleBody(Guid listingId, int stock, DateTimeOffset startsAt, DateTimeOffset endsAt,
        decimal amount = 9.99m, string currency = "USD") =>
        new { listingId, price = new { amount, currency }, stock, startsAt, endsAt, perUserLimit = 1 };

    /// <summary>A seller's listing with <paramref name="listingStock"/> units and an active sale of <paramref name="saleStock"/>.</summary>
    public static async Task<(Guid SaleId, Guid ListingId)> NewActiveSaleAsync(
        this MarketplaceApiFactory api, int saleStock, int listingStock = 0, TimeSpan? duration = null)
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: Math.Max(listingStock, saleStock)));
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var saleId = await admin.Client.CreateSaleAsync(SaleBody(listing.Id, saleStock, now.AddSeconds(-1), now + (duration ?? TimeSpan.FromMinutes(10))));
        return (saleId, listing.Id);
    }

    public static async Task<Guid> CreateSaleAsync(this HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/flash-sales", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create sale: {(int)response.StatusCode} {text}");
        return (await response.Content.ReadFromJsonAsync<CreatedFlashSale>())!.Id;
    }

    public static HttpRequestMessage PurchaseRequest(Guid saleId, string token, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/flash-sales/{saleId}/purchase");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static Task<HttpResponseMessage> PurchaseAsync(this HttpClient client, Guid saleId, string token, string? idempotencyKey = null) =>
        client.SendAsync(PurchaseRequest(saleId, token, idempotencyKey));

    public static async Task<Guid> AcceptedReservationAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"purchase: {(int)response.StatusCode} {text}");
        return (await response.Content.ReadFromJsonAsync<PurchaseAccepted>())!.ReservationId;
    }

    public static async Task<FlashSaleResponse> GetSaleAsync(this HttpClient client, Guid saleId) =>
        (await client.GetFromJsonAsync<FlashSaleResponse>($"/api/flash-sales/{saleId}"))!;
}
