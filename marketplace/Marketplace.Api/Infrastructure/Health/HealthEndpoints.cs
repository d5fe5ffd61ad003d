using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.ServiceDefaults;

namespace Marketplace.Api.Infrastructure.Health;

/// <summary>
/// The service defaults' <c>/healthz</c> and <c>/readyz</c> (<see cref="ServiceHealth"/>), answering JSON per check.
/// Ready means PostgreSQL and Redis answer; 503 otherwise. The <c>inference</c> entry is at worst Degraded (still 200):
/// reviews wait for moderation rather than fail.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The inference service's check, by name: <c>/readyz</c> reports it, the admin status runs it alone.</summary>
    public const string InferenceCheck = "inference";

    public static IServiceCollection AddMarketplaceHealth(this IServiceCollection services)
    {
        services.AddServiceHealth()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ServiceHealth.ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<RedisHealthCheck>("redis", tags: [ServiceHealth.ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<InferenceHealthCheck>(InferenceCheck, HealthStatus.Degraded, tags: [ServiceHealth.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    public static IEndpointRouteBuilder MapMarketplaceHealth(this IEndpointRouteBuilder app) =>
        app.MapServiceHealth(HealthBody.JsonWithChecks);
}
