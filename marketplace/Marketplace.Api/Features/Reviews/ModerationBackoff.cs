using Marketplace.Api.Infrastructure.Retries;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Wait before the next attempt on a review the service could not moderate (<see cref="ExponentialBackoff"/>).</summary>
public static class ModerationBackoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, double random) =>
        ExponentialBackoff.Delay(failedAttempts, baseDelay, maxDelay, random);
}
