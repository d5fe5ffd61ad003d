using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>
/// The last problem-details writer: the framework's writer declines when the request's <c>Accept</c> leaves
/// out JSON (<c>application/xml</c>), and a refusal then had no body and the exception handler turned it into a
/// 500. The API speaks only JSON, so the problem goes out as <c>application/problem+json</c> whatever was asked.
/// </summary>
public sealed class JsonProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        // The framework's writer fills a missing title from the status; so does this one.
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status ?? context.HttpContext.Response.StatusCode);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
