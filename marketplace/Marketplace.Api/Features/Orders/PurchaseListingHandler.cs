using Marketplace.Api.Domain;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Locking;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// A normal (non flash-sale) purchase: under the buyer's purchase lock, one transaction takes the
/// units with the version-checked update (re-reading and retrying, bounded, when another purchase
/// changed the listing in between) and inserts the PENDING_PAYMENT order. A buyer's unpaid units of
/// the listing are capped (<see cref="OrdersOptions.MaxUnpaidUnitsPerListing"/>); the purchase lock
/// serialises their purchases, so the count and the insert cannot race each other.
/// </summary>
/// <remarks>
/// Flash-sale orders are not counted: a sale's stock left the listing when the sale was created, and a
/// buyer holds at most one unit of each sale (one order per buyer per sale).
/// </remarks>
public sealed class PurchaseListingHandler(
    MarketplaceDbContext db, ReadThroughCache cache, OrderCreation creation, UserPurchaseLock purchaseLock, IOptions<OrdersOptions> options)
{
    private const string TakeStock = """
        UPDATE listings SET stock = stock - @quantity, version = version + 1
        WHERE id = @id AND version = @version AND stock >= @quantity AND status = 'ACTIVE'
        """;

    private const string UnpaidUnits = """
        SELECT coalesce(sum(quantity), 0)::int FROM orders
        WHERE buyer_id = @buyer AND listing_id = @listing AND state = 'PENDING_PAYMENT' AND flash_sale_id IS NULL
        """;

    public async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid buyerId, Guid listingId, PurchaseRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .When(request.Quantity is null, "quantity", "Quantity is required.")
            .When(request.Quantity is < 1 or > PurchaseRequest.MaxQuantity, "quantity",
                $"Quantity must be between 1 and {PurchaseRequest.MaxQuantity}.");
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        RedisLockHandle? held;
        try
        {
            held = await purchaseLock.TryAcquireAsync(buyerId, LockOwner.New(), cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            return ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
                "Purchases are unavailable.", "The purchase lock store cannot be reached; retry shortly.");
        }

        if (held is null)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.PurchaseInProgress,
                "Another purchase of yours is in progress.", "Wait for it to finish and retry.");
        }

        await using (held)
        {
            return await PurchaseAsync(buyerId, listingId, request.Quantity!.Value, cancellationToken);
        }
    }

    private async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> PurchaseAsync(
        Guid buyerId, Guid listingId, int quantity, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var unpaid = await UnpaidUnitsAsync(buyerId, listingId, cancellationToken);
        var cap = options.Value.MaxUnpaidUnitsPerListing;
        if (unpaid + quantity > cap)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.UnpaidLimit,
                "Too many unpaid units of this listing.",
                $"You hold {unpaid} unpaid unit(s) of this listing and may hold at most {cap}; pay or cancel an order first.");
        }

        for (var attempt = 1; attempt <= options.Value.StockUpdateAttempts; attempt++)
        {
            // Read committed: each read sees the latest committed stock and version.
            var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
            if (listing is null || !listing.IsActive)
            {
                return ApiProblems.NotFound($"Listing {listingId} does not exist or is delisted.");
            }

            if (listing.SellerId == buyerId)
            {
                return ApiProblems.Forbidden("Sellers cannot buy their own listing.");
            }

            if (listing.Stock < quantity)
            {
                return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.InsufficientStock,
                    "Not enough stock.", $"{quantity} requested, {listing.Stock} available.");
            }

            if (listing.Price.Amount * quantity > Money.MaxAmount)
            {
                return ApiProblems.Validation(new Dictionary<string, string[]>
                {
                    ["quantity"] = ["The order total would exceed the largest amount an order can hold."],
                });
            }

            if (await TryTakeStockAsync(listing, quantity, cancellationToken))
            {
                var order = await creation.TryCreateAsync(db, new NewOrder(
                    buyerId, listing.SellerId, listing.Id, quantity, listing.Price, OrderActors.Buyer(buyerId)), cancellationToken)
                    ?? throw new InvalidOperationException("A normal purchase cannot collide with an existing order.");
                await transaction.CommitAsync(cancellationToken);
                await cache.InvalidateAsync(CatalogCache.Listings, listing.Id, cancellationToken);
                return TypedResults.Created($"{OrdersRoute.Prefix}/{order.Id}", OrderResponse.From(order));
            }

            // Another purchase moved the version between our read and our update: read again.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
        }

        return ApiProblems.ConcurrencyConflict();
    }

    private async Task<int> UnpaidUnitsAsync(Guid buyerId, Guid listingId, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(UnpaidUnits, cancellationToken);
        command.Parameters.AddWithValue("buyer", buyerId);
        command.Parameters.AddWithValue("listing", listingId);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<bool> TryTakeStockAsync(Listing listing, int quantity, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(TakeStock, cancellationToken);
        command.Parameters.AddWithValue("id", listing.Id);
        command.Parameters.AddWithValue("version", listing.Version);
        command.Parameters.AddWithValue("quantity", quantity);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
