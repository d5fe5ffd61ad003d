using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Health;

/// <summary>Ready once a bundle is loaded, verified and warmed (the holder only ever holds such a runtime).</summary>
public sealed class ModelReadyHealthCheck(ModelHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = holder.Current;
        return Task.FromResult(current is null
            ? HealthCheckResult.Unhealthy("no bundle loaded yet")
            : HealthCheckResult.Healthy($"serving {current.Bundle.Version} on {current.Provider}"));
    }
}
