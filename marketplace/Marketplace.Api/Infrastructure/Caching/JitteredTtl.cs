using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Physical TTLs with a uniform random offset, so entries written together (a warm-up, a burst of
/// misses) do not all expire in the same instant and send their reloads to PostgreSQL at once.
/// </summary>
public sealed class JitteredTtl(IOptions<CacheOptions> options)
{
    public TimeSpan ForValue()
    {
        var settings = options.Value;
        return settings.PhysicalTtl + Offset(settings.JitterMin, settings.JitterMax);
    }

    public TimeSpan ForAbsent()
    {
        var settings = options.Value;
        return settings.NegativeTtl + Offset(TimeSpan.Zero, settings.NegativeJitterMax);
    }

    private static TimeSpan Offset(TimeSpan min, TimeSpan max) =>
        max <= min ? min : min + TimeSpan.FromTicks(Random.Shared.NextInt64(0, (max - min).Ticks + 1));
}
