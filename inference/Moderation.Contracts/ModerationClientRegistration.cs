using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Moderation.Contracts;

/// <summary>Registers <see cref="ModerationClient"/> with the standard resilience pipeline tuned by <see cref="ModerationClientOptions"/>.</summary>
public static class ModerationClientRegistration
{
    public static IHttpClientBuilder AddModerationClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ModerationClientOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddModerationClient();
    }

    public static IHttpClientBuilder AddModerationClient(this IServiceCollection services, Action<ModerationClientOptions> configure)
    {
        services.AddOptions<ModerationClientOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return services.AddModerationClient();
    }

    private static IHttpClientBuilder AddModerationClient(this IServiceCollection services)
    {
        var builder = services.AddHttpClient<ModerationClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<ModerationClientOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            // The pipeline's total timeout governs; HttpClient's own would cut retries short.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<ModerationClientOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.Retry.MaxRetryAttempts = options.MaxRetries;
                resilience.Retry.Delay = options.RetryBaseDelay;
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = true;
                // A 429's Retry-After is the service's own estimate of when its queue has room.
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.CircuitBreaker.FailureRatio = options.BreakerFailureRatio;
                resilience.CircuitBreaker.SamplingDuration = options.BreakerSamplingDuration;
                resilience.CircuitBreaker.MinimumThroughput = options.BreakerMinimumThroughput;
                resilience.CircuitBreaker.BreakDuration = options.BreakDuration;
            });
        return builder;
    }
}
