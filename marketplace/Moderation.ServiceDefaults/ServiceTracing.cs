using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Moderation.ServiceDefaults;

/// <summary>
/// OpenTelemetry traces for a service: incoming requests (ASP.NET Core), outgoing HTTP calls (whose
/// <c>traceparent</c> header carries the trace to the next service) and the service's own activity sources.
/// Spans are recorded when <see cref="OtlpEndpointKey"/> is set (the standard OpenTelemetry variable; spans go there
/// over OTLP) or <see cref="EnabledKey"/> is true (spans for in-process listeners, e.g. a test's in-memory exporter);
/// otherwise the sampler drops every span, so a service that exports nowhere records nothing. The sampler reads the
/// configuration when the tracer provider is built, so settings a test host adds late still count.
/// </summary>
public static class ServiceTracing
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string EnabledKey = "Telemetry:Tracing";

    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]) || configuration.GetValue<bool>(EnabledKey);
    }

    public static IServiceCollection AddServiceTracing(
        this IServiceCollection services, IConfiguration configuration, string serviceName, params string[] sources)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = configuration[OtlpEndpointKey];
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(provider => IsEnabled(provider.GetRequiredService<IConfiguration>())
                        ? new ParentBasedSampler(new AlwaysOnSampler())
                        : new AlwaysOffSampler())
                    // Health probes and scrapes every few seconds would drown the traces people look for.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz")
                        && !context.Request.Path.StartsWithSegments(ServiceTelemetry.MetricsPath))
                    .AddHttpClientInstrumentation()
                    .AddSource(sources);
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    // Reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) itself.
                    tracing.AddOtlpExporter();
                }
            });
        return services;
    }
}
