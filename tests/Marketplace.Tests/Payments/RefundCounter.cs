using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketplace.Api.Features.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Payments;

/// <summary>What one API host's <c>marketplace.refunds.gave_up</c> counter adds from now on, per <c>reason</c>.</summary>
internal sealed class RefundCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public RefundCounter(IServiceProvider services)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(RefundMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == RefundMetrics.GaveUpInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && tag.Value is string reason)
                {
                    _byReason.AddOrUpdate(reason, value, (_, seen) => seen + value);
                }
            }
        });
        _listener.Start();
    }

    public long GaveUp(string reason) => _byReason.GetValueOrDefault(reason);

    public void Dispose() => _listener.Dispose();
}
