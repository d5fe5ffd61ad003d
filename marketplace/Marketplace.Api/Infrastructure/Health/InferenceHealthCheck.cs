using Marketplace.Api.Infrastructure.Moderation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Infrastructure.Health;

/// <summary>
/// Healthy when the inference service's /readyz answers 200; Degraded otherwise (never Unhealthy): reviews are
/// still accepted and wait PENDING, so the marketplace stays ready while inference is down.
/// </summary>
public sealed class InferenceHealthCheck(ModerationEndpoint endpoint, IHttpClientFactory clients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.Configured)
        {
            return HealthCheckResult.Degraded("not configured");
        }

        try
        {
            using var response = await clients.CreateClient(ModerationSetup.ReadinessClient)
                .GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"inference /readyz answered {(int)response.StatusCode}; reviews wait PENDING");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Degraded("inference is unreachable; reviews wait PENDING");
        }
    }
}
