using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The buyer cancels their own unpaid order; the stock goes back in the same transaction. A lost
/// race (the timeout job or a payment got there first) is the same 409 as cancelling a paid order.
/// </summary>
public sealed class CancelOrderHandler(MarketplaceDbContext db, OrderCancellation cancellation)
{
    public async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        var found = await db.FindForPartyAsync(orderId, userId, OrderParty.Buyer, "cancel an order", cancellationToken);
        if (!found.Allowed)
        {
            return found.Refusal;
        }

        var order = found.Order;

        if (!OrderStateMachine.CanTransition(order.State, OrderState.Cancelled))
        {
            return InvalidTransition(order.State);
        }

        TransitionedOrder? cancelled;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            cancelled = await cancellation.CancelInTransactionAsync(
                db, orderId, OrderActors.Buyer(userId), "cancelled by buyer", cancellationToken);
            if (cancelled is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        var current = await db.FindVisibleAsync(orderId, userId, cancellationToken);
        if (cancelled is null)
        {
            return InvalidTransition(current!.State);
        }

        await cancellation.AfterCommitAsync(cancelled, cancellationToken);
        return TypedResults.Ok(OrderResponse.From(current!));
    }

    private static ProblemHttpResult InvalidTransition(OrderState state) =>
        ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.InvalidTransition,
            "The order cannot be cancelled.", $"The order is {state.ToName()}; only PENDING_PAYMENT orders can be cancelled.");
}
