using System.Diagnostics;
using Marketplace.Tests.Reviews;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Marketplace.Tests.Observability;

/// <summary>The reviews' API pointed at an inference service, with tracing on and its spans kept in memory.</summary>
internal sealed class TracedReviewsApiFactory(Uri inference)
    : ReviewsApiFactory(inference, new Dictionary<string, string?> { ["Telemetry:Tracing"] = "true" })
{
    private readonly List<Activity> _spans = [];

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
