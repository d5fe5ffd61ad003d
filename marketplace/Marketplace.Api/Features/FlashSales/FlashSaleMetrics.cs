using System.Diagnostics.Metrics;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// The flash sales' OpenTelemetry instruments (meter <see cref="MeterName"/>; at /metrics as
/// <c>marketplace_flash_sales_purchases_total{outcome}</c>, <c>marketplace_flash_sales_reservations_decided_total{status}</c>
/// and <c>marketplace_flash_sales_order_pipeline_latency_seconds</c>): what buyers were answered, and how long a 202
/// took to become an order or a release.
/// </summary>
public sealed class FlashSaleMetrics
{
    public const string MeterName = "Marketplace.FlashSales";
    public const string PipelineLatencyInstrument = "marketplace.flash_sales.order_pipeline_latency";

    /// <summary>Seconds: milliseconds when the consumers keep up; minutes when a reservation waited for the reconciler.</summary>
    public static readonly double[] PipelineLatencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    private readonly Counter<long> _purchases;
    private readonly Counter<long> _decided;
    private readonly Histogram<double> _pipelineLatency;
    private readonly TimeProvider _time;

    public FlashSaleMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _purchases = meter.CreateCounter<long>("marketplace.flash_sales.purchases",
            description: "Purchase answers by outcome: accepted (202) or the problem type (sold-out, already-purchased, service-unavailable, ...).");
        _decided = meter.CreateCounter<long>("marketplace.flash_sales.reservations_decided",
            description: "Reservations the order consumer decided (status: ORDERED, RELEASED).");
        _pipelineLatency = meter.CreateHistogram<double>(PipelineLatencyInstrument, unit: "s",
            description: "Time from a reservation (the purchase's 202) to its decision in PostgreSQL (an order row or a release).");
    }

    public void Answered(PurchaseOutcome outcome) =>
        _purchases.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)));

    public void Decided(ReservationDecision decision, DateTimeOffset requestedAt)
    {
        _decided.Add(1, new KeyValuePair<string, object?>("status", decision.Status));
        _pipelineLatency.Record(Math.Max(0, (_time.GetUtcNow() - requestedAt).TotalSeconds));
    }

    // The problem type's last path segment ("…/problems/sold-out" → "sold-out"): a small, fixed set of values.
    private static string OutcomeName(PurchaseOutcome outcome) => outcome.ReservationId is not null
        ? "accepted"
        : outcome.ProblemType?[(outcome.ProblemType.LastIndexOf('/') + 1)..] ?? outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
