using System.Diagnostics.Metrics;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The reviews' OpenTelemetry instruments (meter <see cref="MeterName"/>, exported at /metrics as
/// <c>marketplace_reviews_pending</c>, <c>marketplace_reviews_oldest_pending_age_seconds</c>,
/// <c>marketplace_reviews_moderated_total{action}</c> and <c>marketplace_reviews_moderation_latency_seconds</c>).
/// The backlog gauges read the last figures the worker took from PostgreSQL (each poll), so a scrape never
/// queries the database.
/// </summary>
public sealed class ReviewMetrics
{
    public const string MeterName = "Marketplace.Reviews";
    public const string LatencyInstrument = "marketplace.reviews.moderation_latency";

    /// <summary>Seconds from submit to verdict: sub-second when inference is up, minutes to hours when it was down.</summary>
    public static readonly double[] LatencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600];

    private readonly Counter<long> _moderated;
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _time;
    private readonly Lock _backlogLock = new();
    private long _pending;
    private DateTimeOffset? _oldestPending;

    public ReviewMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _moderated = meter.CreateCounter<long>("marketplace.reviews.moderated",
            description: "Reviews moderated by the worker (action: allow, hold, reject; hold includes texts the service refused).");
        _latency = meter.CreateHistogram<double>(LatencyInstrument, unit: "s",
            description: "Time from a review's submit to its verdict being applied.");
        meter.CreateObservableGauge("marketplace.reviews.pending", () => Interlocked.Read(ref _pending),
            description: "Reviews waiting for moderation (as of the worker's last poll).");
        meter.CreateObservableGauge("marketplace.reviews.oldest_pending_age_seconds", OldestPendingAge,
            description: "Age in seconds of the oldest review waiting for moderation; 0 when none waits.");
    }

    public void Moderated(string action, DateTimeOffset createdAt)
    {
        _moderated.Add(1, new KeyValuePair<string, object?>("action", action));
        _latency.Record(Math.Max(0, (_time.GetUtcNow() - createdAt).TotalSeconds));
    }

    public void Backlog(long pending, DateTimeOffset? oldest)
    {
        lock (_backlogLock)
        {
            Interlocked.Exchange(ref _pending, pending);
            _oldestPending = oldest;
        }
    }

    private double OldestPendingAge()
    {
        DateTimeOffset? oldest;
        lock (_backlogLock)
        {
            oldest = _oldestPending;
        }

        return oldest is { } at ? Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds) : 0;
    }
}
