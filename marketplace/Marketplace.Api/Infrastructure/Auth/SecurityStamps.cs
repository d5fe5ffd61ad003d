using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>
/// Each user's current security stamp, read from PostgreSQL and kept in process for
/// <see cref="JwtOptions.SecurityStampCacheSeconds"/>, so an authenticated request costs a database read only once per
/// user per interval. <see cref="Invalidate"/> drops a user's entry when this instance rotates the stamp, so the
/// change applies here at once; other instances see it when their entry expires. A read that raced a rotation (it
/// fetched the old stamp before the rotation committed) is not cached: each invalidation bumps the user's generation,
/// and a read caches only if the generation it started under still holds.
/// </summary>
public sealed class SecurityStamps(IServiceScopeFactory scopes, IOptions<JwtOptions> options) : IDisposable
{
    // Bounded: a flood of distinct users evicts entries instead of growing the process.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    // A user's generation lives in the same bounded cache, long enough to outlast any read in flight.
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The user's current stamp; null when the user no longer exists.</summary>
    public async Task<Guid?> CurrentAsync(Guid userId, CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.SecurityStampCacheSeconds);
        if (ttl > TimeSpan.Zero && _cache.TryGetValue(userId, out Guid? cached))
        {
            return cached;
        }

        var generation = Generation(userId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => (Guid?)u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        if (ttl > TimeSpan.Zero && Generation(userId) == generation)
        {
            _cache.Set(userId, stamp, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        }

        return stamp;
    }

    /// <summary>Forgets the user's stamp (call after rotating it), so the next request here reads the new one.</summary>
    public void Invalidate(Guid userId)
    {
        lock (_cache)
        {
            _cache.Set((nameof(Generation), userId), Generation(userId) + 1,
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = GenerationLifetime });
        }

        _cache.Remove(userId);
    }

    private long Generation(Guid userId) => _cache.TryGetValue((nameof(Generation), userId), out long generation) ? generation : 0;

    public void Dispose() => _cache.Dispose();
}
