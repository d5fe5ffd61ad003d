using System.Security.Cryptography;
using System.Text;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Api.Infrastructure.Observability;

/// <summary>Lets a scrape through only with <c>Authorization: Bearer</c> and the configured token (compared in constant time).</summary>
public sealed class MetricsScrapeGuard(RequestDelegate next, string token)
{
    private const string Scheme = "Bearer ";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim())
            : [];
        if (CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            await next(context);
            return;
        }

        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await ApiProblems.Of(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized,
            "Metrics need the scrape token.", "Send Authorization: Bearer with Metrics:ScrapeToken.").ExecuteAsync(context);
    }
}
