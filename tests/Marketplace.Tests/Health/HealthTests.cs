using System.Net;
using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Health;

public sealed class HealthTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Healthz_is_200()
    {
        var response = await api.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_is_200_with_postgres_and_redis_checked_and_writes_only_under_its_prefix()
    {
        var response = await api.CreateClient().GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        // No inference service is configured here: reviews wait PENDING, so the API is ready but Degraded.
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Degraded", report.GetProperty("checks").GetProperty("inference").GetProperty("status").GetString());
        Assert.Equal("not configured", report.GetProperty("checks").GetProperty("inference").GetProperty("description").GetString());
        Assert.Contains(await api.RedisKeysAsync(), key => key.StartsWith(api.KeyPrefix + "health:readyz:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_readiness_probes_all_see_redis_healthy()
    {
        // Probes once shared one key and read each other's value: Redis looked down under load.
        var client = api.CreateClient();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ =>
            client.GetAsync("/readyz", TestContext.Current.CancellationToken)));

        Assert.All(statuses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text()
    {
        var client = api.CreateClient();
        await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        // Scraped the intended way: the fixture sets Metrics:ScrapeToken.
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MarketplaceApiFactory.ScrapeToken);
        var response = await client.SendAsync(scrape, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_not_served_without_the_scrape_token()
    {
        var client = api.CreateClient();
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MarketplaceApiFactory.ScrapeToken + "x");

        var anonymous = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var wrongToken = await client.SendAsync(wrong, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(wrongToken, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.DoesNotContain("http_server_request_duration_seconds", await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_is_served_in_development()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/auth/register", paths);
        Assert.Contains("/api/listings/{id}", paths);
    }
}
