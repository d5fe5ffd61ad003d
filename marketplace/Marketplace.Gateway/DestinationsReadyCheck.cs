using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Marketplace.Gateway;

/// <summary>The gateway is ready while at least one API instance answers its <c>/readyz</c>.</summary>
public sealed class DestinationsReadyCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxy.TryGetCluster(GatewayProxyConfig.ClusterId, out var cluster))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no cluster"));
        }

        var destinations = cluster.Destinations.Values.ToList();
        var healthy = destinations.Count(d => d.Health.Active == DestinationHealth.Healthy && d.Health.Passive != DestinationHealth.Unhealthy);
        var description = $"{healthy} of {destinations.Count} instances ready";
        return Task.FromResult(healthy > 0 ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
