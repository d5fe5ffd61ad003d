using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Moderation.ServiceDefaults;

/// <summary>
/// RFC 7807 on every failure path: results, unhandled exceptions (the exception handler) and bare status codes from
/// routing and authorization (status code pages). A service keeps its own stable problem <c>type</c>s and any
/// <c>IExceptionHandler</c> that maps its dependencies' exceptions.
/// </summary>
public static class ServiceProblems
{
    /// <summary>Problem details, with <paramref name="customize"/> applied to every one written.</summary>
    public static IServiceCollection AddServiceProblems(this IServiceCollection services, Action<ProblemDetailsContext>? customize = null) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = customize);

    /// <summary>The exception handler and status code pages; first in the pipeline, so they see every failure after them.</summary>
    public static IApplicationBuilder UseServiceProblems(this IApplicationBuilder app) =>
        app.UseExceptionHandler().UseStatusCodePages();
}
