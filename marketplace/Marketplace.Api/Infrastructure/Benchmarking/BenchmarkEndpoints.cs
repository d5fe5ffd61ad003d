using System.Security.Claims;
using Marketplace.Api.Infrastructure.Auth;
using Npgsql;

namespace Marketplace.Api.Infrastructure.Benchmarking;

/// <summary>
/// Endpoints that exist only when <c>Benchmark:Enabled</c> is true (the load generator's API
/// instance): <c>GET /api/bench/ping</c> is the HTTP floor, authenticated like a purchase and
/// doing no I/O, so a purchase's cost can be read against it; <c>POST /api/bench/naive-purchase</c>
/// is the naive baseline (<see cref="NaivePurchase"/>): 409 for a refusal, like a purchase.
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
        app.MapPost("/api/bench/naive-purchase", async (ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken ct) =>
            {
                var outcome = await NaivePurchase.PurchaseAsync(dataSource, user.UserId(), ct);
                return Results.Json(new { outcome }, statusCode: outcome == "reserved" ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
            })
            .WithTags("Benchmark").WithName("BenchNaivePurchase").RequireAuthorization(AuthPolicies.Buyer);
        return app;
    }
}
