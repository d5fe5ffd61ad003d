using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Moderation.ServiceDefaults.Tests;

public sealed class ServiceTelemetryTests
{
    [Fact]
    public async Task Metrics_are_prometheus_text_with_the_request_histogram()
    {
        await using var app = await StartAsync(guard: null);
        using var client = app.GetTestClient();
        await client.GetAsync(new Uri("/ping", UriKind.Relative), TestContext.Current.CancellationToken);

        var text = await client.GetStringAsync(new Uri(ServiceTelemetry.MetricsPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guard_runs_before_the_scrape()
    {
        await using var app = await StartAsync(branch => branch.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }));
        using var client = app.GetTestClient();

        var response = await client.GetAsync(new Uri(ServiceTelemetry.MetricsPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(Action<IApplicationBuilder>? guard)
    {
        var builder = TestApp.CreateBuilder();
        builder.Services.AddServiceTelemetry("service-defaults-tests");
        var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        app.MapServiceMetrics(guard);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
