using System.Diagnostics.Metrics;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// The refunds' OpenTelemetry instruments (meter <see cref="MeterName"/>, exported at /metrics as
/// <c>marketplace_refunds_gave_up_total{reason}</c>): every refund the retrier gave up on is money a person must settle.
/// </summary>
public sealed class RefundMetrics
{
    public const string MeterName = "Marketplace.Payments";
    public const string GaveUpInstrument = "marketplace.refunds.gave_up";

    private readonly Counter<long> _gaveUp;

    public RefundMetrics(IMeterFactory meters)
    {
        _gaveUp = meters.Create(MeterName).CreateCounter<long>(GaveUpInstrument,
            description: "Refunds the retrier stopped trying (reason: BUYER_REQUEST, PAID_AFTER_CANCEL); an admin must settle each.");
    }

    public void GaveUp(string reason) => _gaveUp.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
