using System.Globalization;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>A 429: the problem details plus <c>Retry-After</c> (whole seconds, rounded up, at least 1).</summary>
public sealed class RateLimitRefusal(string type, string title, string detail, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
{
    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public int? StatusCode => StatusCodes.Status429TooManyRequests;

    public static RateLimitRefusal Limited(string policy, TimeSpan retryAfter) =>
        new(ProblemTypes.RateLimited, "Too many requests.",
            $"The {policy} limit is reached; retry after the Retry-After header's seconds.", retryAfter);

    public static RateLimitRefusal LockedOut(TimeSpan retryAfter) =>
        new(ProblemTypes.SignInLockedOut, "Sign-in is locked for this account.",
            "Too many failed sign-ins; retry after the Retry-After header's seconds.", retryAfter);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Of(StatusCodes.Status429TooManyRequests, type, title, detail).ExecuteAsync(httpContext);
    }
}
