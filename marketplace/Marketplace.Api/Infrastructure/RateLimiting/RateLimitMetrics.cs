using System.Diagnostics.Metrics;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// Refusals per policy (meter <see cref="MeterName"/>, exported at /metrics as
/// <c>marketplace_rate_limit_refusals_total{policy}</c>), so operators see which limit bites.
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "Marketplace.RateLimiting";
    public const string RefusalsInstrument = "marketplace.rate_limit.refusals";

    private readonly Counter<long> _refusals;

    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _refusals = meter.CreateCounter<long>(RefusalsInstrument,
            description: "Requests refused with 429 by a rate limit or a sign-in lock-out, by policy.");
    }

    public void Refused(string policy) => _refusals.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
