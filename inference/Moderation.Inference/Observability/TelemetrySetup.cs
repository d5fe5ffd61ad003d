using Moderation.ServiceDefaults;

namespace Moderation.Inference.Observability;

/// <summary>
/// The service defaults' metrics (<see cref="ServiceTelemetry"/>) plus the service's own meter, and traces when
/// configured (<see cref="ServiceTracing"/>): a caller's <c>traceparent</c> makes its moderation request part of its trace.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "moderation-inference";

    public static IServiceCollection AddInferenceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InferenceMetrics>();
        services.AddServiceTracing(configuration, ServiceName);
        return services.AddServiceTelemetry(ServiceName, InferenceMetrics.MeterName);
    }
}
