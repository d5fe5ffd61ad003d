using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>The part of a cached region the bloom filter needs: its name and every id that exists.</summary>
public interface ICacheRegion
{
    string Name { get; }

    /// <summary>Every id of the region in PostgreSQL, for rebuilding its bloom filter.</summary>
    IQueryable<Guid> AllIds(MarketplaceDbContext db);
}

/// <summary>
/// One kind of cached read (listing details, flash-sale details): its key space and how one value
/// is loaded from PostgreSQL. Loads return null for an id that does not exist.
/// </summary>
public sealed class CacheRegion<T>(
    string name,
    Func<MarketplaceDbContext, Guid, CancellationToken, Task<T?>> load,
    Func<MarketplaceDbContext, IQueryable<Guid>> allIds) : ICacheRegion where T : class
{
    public string Name { get; } = name;

    public string KeyFor(Guid id) => Name + ":" + id.ToString("N");

    public Task<T?> LoadAsync(MarketplaceDbContext db, Guid id, CancellationToken cancellationToken) => load(db, id, cancellationToken);

    public IQueryable<Guid> AllIds(MarketplaceDbContext db) => allIds(db);
}
