using Moderation.ServiceDefaults;

namespace Moderation.Inference.Observability;

/// <summary>The service defaults' metrics (<see cref="ServiceTelemetry"/>) plus the service's own meter.</summary>
public static class TelemetrySetup
{
    public const string ServiceName = "moderation-inference";

    public static IServiceCollection AddInferenceTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<InferenceMetrics>();
        return services.AddServiceTelemetry(ServiceName, InferenceMetrics.MeterName);
    }
}
