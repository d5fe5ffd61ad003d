using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketplace.Api.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// Records what one API host's counters and histograms of one meter (default the reviews') measure from now on (see
/// <see cref="HostMeter"/> for why not /metrics): measurement counts and sums per instrument and per value of one tag
/// (default <c>action</c>).
/// </summary>
internal sealed class HostMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, (long Count, double Sum)> _seen = new(StringComparer.Ordinal);

    private readonly string _tag;

    public HostMeterRecorder(IServiceProvider services, string meterName = ReviewMetrics.MeterName, string tag = "action")
    {
        _tag = tag;
        var meter = services.GetRequiredService<IMeterFactory>().Create(meterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument is not ObservableGauge<long> and not ObservableGauge<double>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of the measurements of <paramref name="instrument"/> (with the tag = <paramref name="action"/> when given).</summary>
    public double Sum(string instrument, string? action = null) => _seen.GetValueOrDefault(Key(instrument, action)).Sum;

    /// <summary>Number of measurements of <paramref name="instrument"/>.</summary>
    public long Count(string instrument) => _seen.GetValueOrDefault(Key(instrument, null)).Count;

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? action = null;
        foreach (var tag in tags)
        {
            if (tag.Key == _tag)
            {
                action = tag.Value as string;
            }
        }

        Add(Key(instrument.Name, null), value);
        if (action is not null)
        {
            Add(Key(instrument.Name, action), value);
        }
    }

    private void Add(string key, double value) => _seen.AddOrUpdate(key, (1, value), (_, seen) => (seen.Count + 1, seen.Sum + value));

    private static string Key(string instrument, string? action) => action is null ? instrument : instrument + "|" + action;
}
