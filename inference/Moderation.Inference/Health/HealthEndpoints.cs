using Moderation.ServiceDefaults;

namespace Moderation.Inference.Health;

/// <summary>The service defaults' <c>/healthz</c> and <c>/readyz</c>; ready means a warmed bundle is serving (503 until then).</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddInferenceHealth(this IServiceCollection services)
    {
        services.AddServiceHealth().AddCheck<ModelReadyHealthCheck>("model", tags: [ServiceHealth.ReadyTag]);
        return services;
    }
}
