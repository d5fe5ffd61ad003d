using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>Typed problem results handlers return; the problem details service adds trace ids.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Of(int status, string type, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            title: "One or more fields are invalid.",
            type: ProblemTypes.Validation);

    public static ProblemHttpResult NotFound(string detail) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden.", detail);

    public static ProblemHttpResult ConcurrencyConflict() =>
        Of(StatusCodes.Status409Conflict, ProblemTypes.ConcurrencyConflict,
            "The resource was changed by someone else.",
            "Read it again and retry with the current version.");
}
