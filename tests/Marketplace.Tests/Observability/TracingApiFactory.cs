using System.Diagnostics;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Marketplace.Tests.Observability;

/// <summary>
/// The API with tracing on (<c>Telemetry:Tracing</c>) and an in-memory exporter added to the API's own tracer provider.
/// Activity sources are process-wide, so <see cref="Spans"/> also holds other test hosts' spans: read one trace by id.
/// </summary>
public sealed class TracingApiFactory : MarketplaceApiFactory
{
    private readonly List<Activity> _spans = [];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Telemetry:Tracing"] = "true",
    };

    /// <summary>A copy of the spans exported so far (the exporter appends as spans end).</summary>
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddProcessor(new SimpleActivityExportProcessor(new SpanListExporter(_spans)))));
    }
}
