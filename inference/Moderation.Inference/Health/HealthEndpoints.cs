using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Moderation.Inference.Health;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: a warmed bundle is serving; 503 until then.</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddInferenceHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ModelReadyHealthCheck>("model", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapInferenceHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
