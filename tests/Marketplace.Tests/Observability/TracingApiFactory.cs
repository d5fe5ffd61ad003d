using System.Diagnostics;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Marketplace.Tests.Observability;

/// <summary>The API with tracing on (<c>Telemetry:Tracing</c>) and its exported spans kept in memory (<see cref="SpanCollector"/>).</summary>
public sealed class TracingApiFactory : MarketplaceApiFactory
{
    private readonly SpanCollector _collector = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Telemetry:Tracing"] = "true",
    };

    public IReadOnlyList<Activity> Spans => _collector.Spans;

    public Task<Activity> WaitForSpanAsync(Func<Activity, bool> match) => _collector.WaitForAsync(match);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(_collector.AddTo);
    }
}
