using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Moderation.ServiceDefaults.Tests;

public sealed class ServiceHealthTests
{
    [Fact]
    public async Task Healthz_runs_no_check_and_readyz_runs_the_ready_ones()
    {
        await using var app = await StartAsync(HealthBody.Status);
        using var client = app.GetTestClient();

        var healthz = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        var readyz = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("Healthy", await healthz.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.Equal("Unhealthy", await readyz.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Json_body_lists_each_ready_check_without_exception_text()
    {
        await using var app = await StartAsync(HealthBody.JsonWithChecks);
        using var client = app.GetTestClient();

        var readyz = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        var text = await readyz.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var report = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("down", report.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.False(report.GetProperty("checks").TryGetProperty("untagged", out _));
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(HealthBody body)
    {
        var builder = TestApp.CreateBuilder();
        builder.Services.AddServiceHealth()
            .AddCheck("database", () => HealthCheckResult.Unhealthy("down", new InvalidOperationException("secret")), tags: [ServiceHealth.ReadyTag])
            .AddCheck("untagged", () => HealthCheckResult.Unhealthy("never run"));
        var app = builder.Build();
        app.MapServiceHealth(body);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
