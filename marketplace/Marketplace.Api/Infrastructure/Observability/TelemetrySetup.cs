using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.Extensions.Options;
using Moderation.ServiceDefaults;

namespace Marketplace.Api.Infrastructure.Observability;

/// <summary>
/// The service defaults' metrics (<see cref="ServiceTelemetry"/>) plus the infrastructure meters, and traces when
/// configured (<see cref="ServiceTracing"/>): requests, outgoing HTTP, Kafka send and process, SQL. A feature adds its own
/// meter where it registers its services, with OpenTelemetry's <c>services.ConfigureOpenTelemetryMeterProvider(...)</c>,
/// so this list names no feature.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "marketplace-api";

    public static IServiceCollection AddMarketplaceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Npgsql's own source gives each SQL command a span under the request or message that ran it.
        services.AddServiceTracing(configuration, ServiceName, Messaging.MessagingTracing.SourceName, "Npgsql");
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services.AddServiceTelemetry(ServiceName, CacheMetrics.MeterName, RateLimitMetrics.MeterName);
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
            app.MapServiceMetrics(branch => branch.UseMiddleware<MetricsScrapeGuard>(token));
        }
        else if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.MapServiceMetrics();
        }

        return app;
    }
}
