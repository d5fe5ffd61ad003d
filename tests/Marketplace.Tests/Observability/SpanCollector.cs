using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Marketplace.Tests.Observability;

/// <summary>
/// The spans a test host's tracer provider exports, kept in memory. Activity sources are process-wide, so these include
/// other test hosts' spans: find a test's own by something only it has (a path with its ids), then by trace id.
/// </summary>
internal sealed class SpanCollector : BaseExporter<Activity>
{
    private readonly List<Activity> _spans = [];

    /// <summary>A copy of the spans exported so far (appended as spans end).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>Adds this collector to the host's tracer provider.</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(this)));

    /// <summary>The first span that matches, once one was exported (30 s at most).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no matching span among {Spans.Count}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (_spans)
        {
            foreach (var activity in batch)
            {
                _spans.Add(activity);
            }
        }

        return ExportResult.Success;
    }
}
