using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Moderation.Inference.Observability;

/// <summary>OpenTelemetry metrics (the service's meter, ASP.NET Core, Kestrel, runtime) as Prometheus text at /metrics.</summary>
public static class TelemetrySetup
{
    public const string ServiceName = "moderation-inference";

    public static IServiceCollection AddInferenceTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<InferenceMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(InferenceMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapInferenceMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
