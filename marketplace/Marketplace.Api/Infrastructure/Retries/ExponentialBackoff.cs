namespace Marketplace.Api.Infrastructure.Retries;

/// <summary>
/// Wait before the next attempt after <c>failedAttempts</c> failures: <c>base · 2^(failedAttempts-1)</c> capped at
/// <c>max</c>, then scaled by a random factor in [0.5, 1) so work that failed together does not all come back in the
/// same instant.
/// </summary>
public static class ExponentialBackoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 30);
        var capped = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * Math.Clamp(random, 0, 1))));
    }
}
