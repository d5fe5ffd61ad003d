using System.Diagnostics.Metrics;
using Marketplace.Api.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// Reads one API host's gauges (of the reviews' meter unless another is named). /metrics cannot be used for exact gauge values in tests: meters are
/// process-wide, so every in-process host's gauge of the same name reaches every exporter. The host's
/// <see cref="IMeterFactory"/> hands back its own meter instance, and a listener filtered on it sees only that host.
/// </summary>
internal static class HostMeter
{
    public static double Observe(IServiceProvider services, string instrument, string meterName = ReviewMetrics.MeterName) =>
        ObserveAll(services, instrument, meterName).Sum(m => m.Value);

    /// <summary>Every measurement a gauge reports now, with its tags (a gauge may report one per partition, say).</summary>
    public static IReadOnlyList<(double Value, IReadOnlyDictionary<string, object?> Tags)> ObserveAll(
        IServiceProvider services, string instrument, string meterName)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(meterName);
        var seen = new List<(double, IReadOnlyDictionary<string, object?>)>();
        var published = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (candidate, l) =>
        {
            if (ReferenceEquals(candidate.Meter, meter) && candidate.Name == instrument)
            {
                published = true;
                l.EnableMeasurementEvents(candidate);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) => seen.Add((measurement, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((_, measurement, tags, _) => seen.Add((measurement, Tags(tags))));
        listener.Start();
        listener.RecordObservableInstruments();
        return published ? seen : throw new InvalidOperationException($"{instrument} is not published by this host");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }
}
