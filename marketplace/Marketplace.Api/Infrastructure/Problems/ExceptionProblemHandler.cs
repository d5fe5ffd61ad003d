using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Marketplace.Api.Infrastructure.TextInput;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>
/// Maps exceptions to problem details: request-shape failures keep their 4xx status, a lost
/// optimistic-concurrency race is 409, a transient dependency failure (PostgreSQL pool exhausted or
/// timed out, Redis unreachable) is 503 with <c>Retry-After</c> so clients back off instead of
/// reading a bug, anything else is a 500 that says nothing about the code.
/// </summary>
public sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: NulCharacterException nul } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { [nul.Field] = [nul.Message] })
            {
                Status = StatusCodes.Status400BadRequest, Type = ProblemTypes.Validation, Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: JsonException } bad => Problem(
                bad.StatusCode, ProblemTypes.MalformedJson, "The request body is not valid JSON.", JsonDetail(bad)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(
                StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.", null),
            BadHttpRequestException bad => Problem(
                bad.StatusCode, ProblemTypes.ForStatus(bad.StatusCode), "The request is invalid.", bad.Message),
            DbUpdateConcurrencyException => Problem(
                StatusCodes.Status409Conflict, ProblemTypes.ConcurrencyConflict,
                "The resource was changed by someone else.", "Read it again and retry with the current version."),
            _ when IsTransient(exception) => Problem(
                StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
                "A service the API depends on is busy or unreachable.", "Nothing was changed by this failure; retry shortly."),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal server error.", null);
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogTransient(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private const string RetryAfterSeconds = "1";

    // Walks the chain: EF Core wraps Npgsql's errors (DbUpdateException, InvalidOperationException).
    private static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or RedisConnectionException or RedisTimeoutException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails Problem(int status, string type, string title, string? detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    // The JSON reader's message names the path and position ("$.price.amount | LineNumber: 0 ..."),
    // which helps the client and reveals nothing about the server.
    private static string JsonDetail(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Path: { } path } json
            ? $"Invalid JSON at '{path}' (line {json.LineNumber}, position {json.BytePositionInLine})."
            : "Invalid JSON.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient dependency failure for {Method} {Path}; answered 503")]
    private static partial void LogTransient(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
