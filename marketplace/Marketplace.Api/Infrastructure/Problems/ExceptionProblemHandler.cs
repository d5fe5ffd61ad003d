using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>
/// Maps exceptions to problem details: request-shape failures keep their 4xx status, a lost
/// optimistic-concurrency race is 409, anything else is a 500 that says nothing about the code.
/// </summary>
public sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException } bad => Problem(
                bad.StatusCode, ProblemTypes.MalformedJson, "The request body is not valid JSON.", JsonDetail(bad)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(
                StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.", null),
            BadHttpRequestException bad => Problem(
                bad.StatusCode, ProblemTypes.ForStatus(bad.StatusCode), "The request is invalid.", bad.Message),
            DbUpdateConcurrencyException => Problem(
                StatusCodes.Status409Conflict, ProblemTypes.ConcurrencyConflict,
                "The resource was changed by someone else.", "Read it again and retry with the current version."),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal server error.", null);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string type, string title, string? detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    // The JSON reader's message names the path and position ("$.price.amount | LineNumber: 0 ..."),
    // which helps the client and reveals nothing about the server.
    private static string JsonDetail(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Path: { } path } json
            ? $"Invalid JSON at '{path}' (line {json.LineNumber}, position {json.BytePositionInLine})."
            : "Invalid JSON.";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
