using System.Diagnostics.Metrics;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// The cache's OpenTelemetry instruments (meter <see cref="MeterName"/>, exported at /metrics):
/// hits and misses per level, background refreshes, bloom rejections, retried deletes, and the
/// bloom filters' configured and estimated false-positive rates.
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = "Marketplace.Cache";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _bloomRejections;
    private readonly Counter<long> _bloomUnanswered;
    private readonly Counter<long> _repairs;

    public CacheMetrics(IMeterFactory meters, BloomFilters filters)
    {
        var meter = meters.Create(MeterName);
        _hits = meter.CreateCounter<long>("marketplace.cache.hits", description: "Reads answered by a cache level (level: l1, l2).");
        _misses = meter.CreateCounter<long>("marketplace.cache.misses", description: "Reads a cache level could not answer (level: l1, l2).");
        _refreshes = meter.CreateCounter<long>("marketplace.cache.refreshes", description: "Background reloads of logically expired entries.");
        _bloomRejections = meter.CreateCounter<long>("marketplace.cache.bloom.rejections", description: "Lookups of ids the bloom filter proved absent.");
        _bloomUnanswered = meter.CreateCounter<long>("marketplace.cache.bloom.unanswered",
            description: "Lookups let through because no complete filter could be read (Redis down or busy, filter not built).");
        _repairs = meter.CreateCounter<long>("marketplace.cache.deletes.retried",
            description: "Cache deletes and bloom adds sent to the retry topic (outcome: queued, succeeded, failed_again, lost).");
        meter.CreateObservableGauge("marketplace.cache.bloom.false_positive_rate", () => filters.All.SelectMany(f => new[]
        {
            new Measurement<double>(f.Shape.FalsePositiveRate, new("region", f.Region), new("kind", "configured")),
            new Measurement<double>(f.Shape.EstimatedFalsePositiveRate(Math.Max(0, f.LastKnownCount)), new("region", f.Region), new("kind", "estimated")),
        }), description: "Bloom filter false-positive rate: configured at capacity, and estimated from the ids it holds.");
    }

    public void Hit(string level, string region) => _hits.Add(1, new("level", level), new("region", region));

    public void Miss(string level, string region) => _misses.Add(1, new("level", level), new("region", region));

    public void Refreshed(string region) => _refreshes.Add(1, new KeyValuePair<string, object?>("region", region));

    public void BloomRejected(string region) => _bloomRejections.Add(1, new KeyValuePair<string, object?>("region", region));

    public void BloomUnanswered(string region) => _bloomUnanswered.Add(1, new KeyValuePair<string, object?>("region", region));

    public void Repair(string kind, string outcome) => _repairs.Add(1, new("kind", kind), new("outcome", outcome));
}
