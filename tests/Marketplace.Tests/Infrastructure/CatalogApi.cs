using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Listing bodies and calls through the public HTTP API.</summary>
public static class CatalogApi
{
    public static object ListingBody(
        string game = "Test Game", string kind = "item", string title = "Dragon sword",
        decimal amount = 19.99m, string currency = "USD", int stock = 5) =>
        new { title, kind, game, description = "A fine thing.", price = new { amount, currency }, stock };

    /// <summary>An update body: <paramref name="body"/> plus the <c>version</c> the seller read, which updates require.</summary>
    public static Dictionary<string, object?> WithVersion(object body, int version)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(body, System.Text.Json.JsonSerializerOptions.Web)
            .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
        fields["version"] = version;
        return fields;
    }

    /// <summary>A game name no other test uses, so filters on it see only this test's listings.</summary>
    public static string NewGame() => $"game-{Guid.NewGuid():N}";

    public static async Task<ListingResponse> CreateListingAsync(this HttpClient seller, object body)
    {
        var response = await seller.PostAsJsonAsync("/api/listings", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingResponse>())!;
    }

    public static async Task<ListingPage> BrowseAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/listings?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingPage>())!;
    }
}
