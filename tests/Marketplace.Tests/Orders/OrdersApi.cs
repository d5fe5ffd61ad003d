using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.Orders;

namespace Marketplace.Tests.Orders;

/// <summary>Order calls through the public HTTP API.</summary>
public static class OrdersApi
{
    public static Task<HttpResponseMessage> PurchaseAsync(this HttpClient buyer, Guid listingId, int quantity) =>
        buyer.PostAsJsonAsync($"/api/listings/{listingId}/purchase", new { quantity }, TestContext.Current.CancellationToken);

    public static async Task<OrderResponse> BuyAsync(this HttpClient buyer, Guid listingId, int quantity = 1)
    {
        var response = await buyer.PurchaseAsync(listingId, quantity);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Purchase failed: {(int)response.StatusCode} {body}");
        return (await response.Content.ReadFromJsonAsync<OrderResponse>(TestContext.Current.CancellationToken))!;
    }

    public static Task<HttpResponseMessage> CancelAsync(this HttpClient buyer, Guid orderId) =>
        buyer.PostAsync($"/api/orders/{orderId}/cancel", null, TestContext.Current.CancellationToken);

    public static async Task<OrderResponse> GetOrderAsync(this HttpClient client, Guid orderId) =>
        (await client.GetFromJsonAsync<OrderResponse>($"/api/orders/{orderId}", TestContext.Current.CancellationToken))!;

    public static async Task<IReadOnlyList<OrderHistoryEntry>> HistoryAsync(this HttpClient client, Guid orderId) =>
        (await client.GetFromJsonAsync<List<OrderHistoryEntry>>($"/api/orders/{orderId}/history", TestContext.Current.CancellationToken))!;

    public static async Task<int> StockAsync(this HttpClient client, Guid listingId) =>
        (await client.GetFromJsonAsync<ListingResponse>($"/api/listings/{listingId}", TestContext.Current.CancellationToken))!.Stock;
}
