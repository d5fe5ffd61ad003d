using System.Net;
using System.Text.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Health;

/// <summary>The API with Redis unreachable: alive, not ready, and it says which dependency failed.</summary>
public sealed class RedisOutageTests(DeadRedisApiFactory api) : IClassFixture<DeadRedisApiFactory>
{
    [Fact]
    public async Task Readyz_is_503_naming_redis_while_healthz_stays_200()
    {
        var client = api.CreateClient();

        var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var alive = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
