using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>Operator endpoints: rebuild the bloom filters from PostgreSQL on demand.</summary>
public static class CacheAdminEndpoints
{
    public static IEndpointRouteBuilder MapCacheAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/cache").WithTags("Cache").RequireAuthorization(AuthPolicies.Admin);
        admin.MapPost("/bloom/rebuild", RebuildAsync).WithName("RebuildBloomFilters");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, long?>>, ProblemHttpResult>> RebuildAsync(
        BloomFilterRebuilder rebuilder, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await rebuilder.RebuildAllAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
                "The bloom filters cannot be rebuilt.", "Redis cannot be reached; retry shortly.");
        }
    }
}
