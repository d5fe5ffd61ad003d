using System.Diagnostics.Metrics;
using Marketplace.Api.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// Reads one API host's review gauges. /metrics cannot be used for exact gauge values in tests: meters are
/// process-wide, so every in-process host's gauge of the same name reaches every exporter. The host's
/// <see cref="IMeterFactory"/> hands back its own meter instance, and a listener filtered on it sees only that host.
/// </summary>
internal static class HostMeter
{
    public static double Observe(IServiceProvider services, string instrument)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(ReviewMetrics.MeterName);
        double? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (published, l) =>
        {
            if (ReferenceEquals(published.Meter, meter) && published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.SetMeasurementEventCallback<double>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException($"{instrument} is not published by this host");
    }
}
