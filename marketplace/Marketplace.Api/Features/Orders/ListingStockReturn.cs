using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.Orders;

/// <summary>A normal purchase's units go back to its listing (delisted or not: the count stays true).</summary>
public sealed class ListingStockReturn(ReadThroughCache cache) : IStockReturn
{
    private const string Sql = "UPDATE listings SET stock = stock + @quantity, version = version + 1 WHERE id = @id";

    public bool Handles(TransitionedOrder order) => order.FlashSaleId is null;

    public async Task ReturnAsync(MarketplaceDbContext db, TransitionedOrder order, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(Sql, cancellationToken);
        command.Parameters.AddWithValue("id", order.ListingId);
        command.Parameters.AddWithValue("quantity", order.Quantity);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Listing {order.ListingId} of order {order.Id} is missing; stock not returned.");
        }
    }

    /// <summary>Cache-aside: the cached listing (its stock) goes once the return is committed.</summary>
    public Task AfterCommitAsync(TransitionedOrder order, CancellationToken cancellationToken) =>
        cache.InvalidateAsync(CatalogCache.Listings, order.ListingId, cancellationToken);
}
