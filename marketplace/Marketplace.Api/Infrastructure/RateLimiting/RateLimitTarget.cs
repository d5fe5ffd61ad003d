using Microsoft.AspNetCore.Http;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>A policy an endpoint applies and how it finds the request's partition (null: not counted).</summary>
public sealed record RateLimitTarget(string Policy, Func<EndpointFilterInvocationContext, string?> Partition)
{
    public static RateLimitTarget ByAddress(string policy) => new(policy, c => PartitionKeys.Address(c.HttpContext));

    public static RateLimitTarget ByUser(string policy) => new(policy, c => PartitionKeys.User(c.HttpContext.User));

    /// <summary>By the account key (normalised email) of the endpoint's bound <typeparamref name="TRequest"/> body.</summary>
    public static RateLimitTarget ByAccount<TRequest>(string policy, Func<TRequest, string?> accountKey) =>
        new(policy, c => c.Arguments.OfType<TRequest>().FirstOrDefault() is { } request ? PartitionKeys.Account(accountKey(request)) : null);
}
