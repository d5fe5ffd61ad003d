using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Moderation.ServiceDefaults;

/// <summary>
/// OpenTelemetry metrics for a service (ASP.NET Core, Kestrel and runtime meters, plus the service's own) exported as
/// Prometheus text at <see cref="MetricsPath"/>. A feature may add a meter where it registers its services, with
/// OpenTelemetry's <c>services.ConfigureOpenTelemetryMeterProvider(...)</c>.
/// </summary>
public static class ServiceTelemetry
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Metrics under the resource name <paramref name="serviceName"/>, with <paramref name="meters"/> added to the standard ones.</summary>
    public static IServiceCollection AddServiceTelemetry(this IServiceCollection services, string serviceName, params string[] meters)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddMeter(meters)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Serves <see cref="MetricsPath"/>. <paramref name="guard"/>, when given, runs first on the scrape's own branch
    /// (the service decides who may read its metrics, e.g. a bearer token).
    /// </summary>
    public static IEndpointRouteBuilder MapServiceMetrics(this IEndpointRouteBuilder app, Action<IApplicationBuilder>? guard = null)
    {
        if (guard is null)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: guard, optionsName: null);
        }

        return app;
    }
}
