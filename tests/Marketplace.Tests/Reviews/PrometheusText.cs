using System.Net.Http.Headers;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Reviews;

/// <summary>The /metrics exposition text of a host, read as a scraper does (with the fixture's scrape token).</summary>
internal static class PrometheusText
{
    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MarketplaceApiFactory.ScrapeToken);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
