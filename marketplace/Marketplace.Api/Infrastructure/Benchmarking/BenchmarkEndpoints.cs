using System.Security.Claims;
using Marketplace.Api.Infrastructure.Auth;

namespace Marketplace.Api.Infrastructure.Benchmarking;

/// <summary>
/// Endpoints that exist only when <c>Benchmark:Enabled</c> is true (the load generator's API
/// instance): <c>GET /api/bench/ping</c> is the HTTP floor, authenticated like a purchase and
/// doing no I/O, so a purchase's cost can be read against it.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string EnabledKey = "Benchmark:Enabled";

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue(EnabledKey, false))
        {
            return app;
        }

        app.MapGet("/api/bench/ping", (ClaimsPrincipal user) => TypedResults.Ok(new BenchPing(user.UserId())))
            .WithTags("Benchmark").WithName("BenchPing").RequireAuthorization(AuthPolicies.Buyer);
        return app;
    }
}
