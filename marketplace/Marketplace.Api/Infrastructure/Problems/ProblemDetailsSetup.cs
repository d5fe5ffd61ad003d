using System.Diagnostics;
using Moderation.ServiceDefaults;

namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>
/// The service defaults' RFC 7807 set-up (<see cref="ServiceProblems"/>: handler results, exceptions, bare status codes)
/// with the API's own: stable problem types, a trace id on every problem, exceptions mapped by
/// <see cref="ExceptionProblemHandler"/>, JSON whatever the client accepts (<see cref="JsonProblemWriter"/>).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddMarketplaceProblems(this IServiceCollection services)
    {
        services.AddServiceProblems(Customize);
        // After the framework's writer, so it is the fallback when that one declines (see JsonProblemWriter).
        services.AddSingleton<IProblemDetailsWriter, JsonProblemWriter>();
        services.AddExceptionHandler<ExceptionProblemHandler>();
        // Binding failures (malformed JSON, wrong content type) throw so they reach the exception handler.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseMarketplaceProblems(this WebApplication app)
    {
        app.UseServiceProblems();
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
