using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.RateLimiting;

/// <summary>
/// Counts one host's rate-limit refusals by policy while alive. Meters are process-wide, so the listener
/// takes only this host's meter instance (its <see cref="IMeterFactory"/> hands back the same one).
/// </summary>
internal sealed class RefusalCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byPolicy = new();

    public RefusalCounter(IServiceProvider services)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(RateLimitMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == RateLimitMetrics.RefusalsInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "policy")
                {
                    _byPolicy.AddOrUpdate((string)tag.Value!, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public long this[string policy] => _byPolicy.GetValueOrDefault(policy);

    public void Dispose() => _listener.Dispose();
}
