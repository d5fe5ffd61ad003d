using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Marketplace.Api.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry metrics (ASP.NET Core, Kestrel, runtime and infrastructure meters) exported as Prometheus text. A
/// feature adds its own meter where it registers its services, with OpenTelemetry's
/// <c>services.ConfigureOpenTelemetryMeterProvider(...)</c>, so this list names no feature.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "marketplace-api";

    public static IServiceCollection AddMarketplaceTelemetry(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", CacheMetrics.MeterName, RateLimitMetrics.MeterName)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> on the API port behind a bearer token (<see cref="MetricsOptions.ScrapeToken"/>) rather than on a
    /// management port: one port is all a container or ingress has to expose, Prometheus sends bearer tokens natively,
    /// and the same guard works behind any proxy. Without a token it is open in Development only.
    /// </summary>
    public static IEndpointRouteBuilder MapMarketplaceMetrics(this IEndpointRouteBuilder app)
    {
        var token = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.ScrapeToken;
        if (!string.IsNullOrEmpty(token))
        {
            app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null,
                configureBranchedPipeline: branch => branch.UseMiddleware<MetricsScrapeGuard>(token), optionsName: null);
        }
        else if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
