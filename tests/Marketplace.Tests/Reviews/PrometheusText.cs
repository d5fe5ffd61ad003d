namespace Marketplace.Tests.Reviews;

/// <summary>The /metrics exposition text of a host.</summary>
internal static class PrometheusText
{
    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
