using System.Diagnostics;

namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>
/// One place wiring RFC 7807 for every failure path: handler results, exceptions
/// (<see cref="ExceptionProblemHandler"/>), and bare status codes from routing, authentication and
/// authorization (status code pages).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddMarketplaceProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        // After the framework's writer, so it is the fallback when that one declines (see JsonProblemWriter).
        services.AddSingleton<IProblemDetailsWriter, JsonProblemWriter>();
        services.AddExceptionHandler<ExceptionProblemHandler>();
        // Binding failures (malformed JSON, wrong content type) throw so they reach the exception handler.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseMarketplaceProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        // Framework defaults point at the HTTP RFC; replace them with the API's own stable types.
        if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal))
        {
            problem.Type = ProblemTypes.ForStatus(status);
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Extensions["traceId"] = traceId;
        // Never let exception details out, whatever a framework component put there.
        problem.Extensions.Remove("exception");
        if (context.Exception is not null && status >= 500)
        {
            problem.Detail = "An unexpected error occurred. Quote the traceId when reporting it.";
        }
    }
}
