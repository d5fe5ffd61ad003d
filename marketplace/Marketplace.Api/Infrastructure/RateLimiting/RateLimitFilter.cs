namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// Counts the request against the endpoint's policies before its handler runs; answers 429 when any is
/// spent. A filter (not the rate limiting middleware) because it runs after binding, so a policy can key
/// on the body's email, and after authentication, so it can key on the buyer.
/// </summary>
public sealed class RateLimitFilter(IReadOnlyList<RateLimitTarget> targets) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var partitions = new List<RateLimitPartition>(targets.Count);
        foreach (var target in targets)
        {
            if (target.Partition(context) is { } key)
            {
                partitions.Add(new RateLimitPartition(target.Policy, key));
            }
        }

        var limiter = context.HttpContext.RequestServices.GetRequiredService<RedisRateLimiter>();
        return await limiter.TryAcquireAsync(partitions) is { } refusal ? refusal : await next(context);
    }
}
