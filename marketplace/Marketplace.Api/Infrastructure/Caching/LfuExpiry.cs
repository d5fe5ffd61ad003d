using BitFaster.Caching;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>Per-entry expiry for the W-TinyLFU cache: each entry lives until its own absolute expiration.</summary>
internal sealed class LfuExpiry(TimeProvider time) : IExpiryCalculator<object, LfuStoredValue>
{
    public Duration GetExpireAfterCreate(object key, LfuStoredValue value) => Remaining(value);

    public Duration GetExpireAfterUpdate(object key, LfuStoredValue value, Duration current) => Remaining(value);

    // Reads do not extend an entry (no sliding expiration).
    public Duration GetExpireAfterRead(object key, LfuStoredValue value, Duration current) => current;

    private Duration Remaining(LfuStoredValue value)
    {
        var remaining = value.ExpiresAt - time.GetUtcNow();
        return Duration.FromTimeSpan(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1));
    }
}
