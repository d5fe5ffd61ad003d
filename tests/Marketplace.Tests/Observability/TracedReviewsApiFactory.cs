using System.Diagnostics;
using Marketplace.Tests.Reviews;
using Microsoft.AspNetCore.Hosting;

namespace Marketplace.Tests.Observability;

/// <summary>The reviews' API pointed at an inference service, with tracing on and its spans kept in memory.</summary>
internal sealed class TracedReviewsApiFactory(Uri inference)
    : ReviewsApiFactory(inference, new Dictionary<string, string?> { ["Telemetry:Tracing"] = "true" })
{
    private readonly SpanCollector _collector = new();

    public Task<Activity> WaitForSpanAsync(Func<Activity, bool> match) => _collector.WaitForAsync(match);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(_collector.AddTo);
    }
}
