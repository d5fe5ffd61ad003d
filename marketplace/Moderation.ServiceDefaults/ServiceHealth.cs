using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Moderation.ServiceDefaults;

/// <summary>
/// <c>/healthz</c>: the process answers (no check runs: a liveness probe must not fail because a dependency is down).
/// <c>/readyz</c>: every check tagged <see cref="ReadyTag"/> passes; 503 when one is Unhealthy.
/// </summary>
public static class ServiceHealth
{
    /// <summary>Tag a check with this to have <c>/readyz</c> run it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The health-check builder; the service adds its checks, tagging readiness ones with <see cref="ReadyTag"/>.</summary>
    public static IHealthChecksBuilder AddServiceHealth(this IServiceCollection services) => services.AddHealthChecks();

    /// <summary>Maps <c>/healthz</c> and <c>/readyz</c>, answering in <paramref name="body"/>.</summary>
    public static IEndpointRouteBuilder MapServiceHealth(this IEndpointRouteBuilder app, HealthBody body = HealthBody.Status)
    {
        var writer = body == HealthBody.JsonWithChecks ? WriteJsonAsync : (Func<HttpContext, HealthReport, Task>?)null;
        app.MapHealthChecks("/healthz", Options(_ => false, writer));
        app.MapHealthChecks("/readyz", Options(check => check.Tags.Contains(ReadyTag), writer));
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate, Func<HttpContext, HealthReport, Task>? writer)
    {
        var options = new HealthCheckOptions { Predicate = predicate };
        if (writer is not null)
        {
            options.ResponseWriter = writer;
        }

        return options;
    }

    // Status and description per check, never exception text.
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
