using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.RateLimiting;

public static class RateLimitingSetup
{
    public static IServiceCollection AddMarketplaceRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<RedisRateLimiter>();
        services.AddSingleton<SignInLockout>();
        return services;
    }

    /// <summary>
    /// Believes <c>X-Forwarded-For</c> only from <see cref="RateLimitOptions.KnownProxies"/>; with none
    /// configured (the default) nothing is added and the header is ignored. The framework's own defaults
    /// (loopback as a known proxy) are cleared.
    /// </summary>
    public static IApplicationBuilder UseMarketplaceForwardedHeaders(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.KnownProxies;
        if (proxies.Length == 0)
        {
            return app;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        return app.UseForwardedHeaders(forwarded);
    }

    /// <summary>Counts each request against <paramref name="targets"/> (all in one Redis round trip) before the handler.</summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, params RateLimitTarget[] targets)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(targets));
}
