using Marketplace.Api.Features.Payments;
using Marketplace.Api.Features.Reviews;
using Marketplace.Api.Infrastructure.Caching;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Marketplace.Api.Infrastructure.Observability;

/// <summary>OpenTelemetry metrics (ASP.NET Core, Kestrel, runtime meters) exported as Prometheus text.</summary>
public static class TelemetrySetup
{
    public const string ServiceName = "marketplace-api";

    public static IServiceCollection AddMarketplaceTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", CacheMetrics.MeterName, ReviewMetrics.MeterName,
                    RefundMetrics.MeterName)
                .AddView(ReviewMetrics.LatencyInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = ReviewMetrics.LatencyBuckets })
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapMarketplaceMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
