using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// Gives a cancelled order's units back. The order cancellation calls exactly one implementation
/// (the one whose <see cref="Handles"/> is true) only after it won the PENDING_PAYMENT → CANCELLED
/// transition, inside that transaction: the stock comes back once, or not at all if it rolls back.
/// </summary>
/// <remarks>
/// <see cref="ListingStockReturn"/> handles normal purchases. Flash-sale orders
/// (<see cref="TransitionedOrder.FlashSaleId"/> set) need the flash-sale feature's implementation,
/// registered with <c>services.AddScoped&lt;IStockReturn, ...&gt;()</c>; until one is registered, cancelling
/// a flash order fails and rolls back, so no stock is lost.
/// </remarks>
public interface IStockReturn
{
    bool Handles(TransitionedOrder order);

    /// <summary>Returns the stock in PostgreSQL, in <paramref name="db"/>'s open transaction.</summary>
    Task ReturnAsync(MarketplaceDbContext db, TransitionedOrder order, CancellationToken cancellationToken);

    /// <summary>
    /// Runs after the transaction committed, for stores outside PostgreSQL (the flash sale's Redis
    /// stock). Best effort: a failure is logged, so an implementation that must not lose the
    /// return should also be repairable by a reconciler.
    /// </summary>
    Task AfterCommitAsync(TransitionedOrder order, CancellationToken cancellationToken) => Task.CompletedTask;
}
