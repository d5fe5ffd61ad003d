using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary><c>POST /api/orders/{id}/confirm</c>: the buyer confirms receipt, SHIPPED → COMPLETED.</summary>
public sealed class ConfirmOrderHandler(MarketplaceDbContext db, OrderTransitions transitions)
{
    public async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        var found = await db.FindForPartyAsync(orderId, userId, OrderParty.Buyer, "confirm receipt", cancellationToken);
        if (!found.Allowed)
        {
            return found.Refusal;
        }

        var order = found.Order;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var completed = await transitions.TryTransitionAsync(
                db, orderId, OrderState.Shipped, OrderState.Completed, OrderActors.Buyer(userId), "confirmed by buyer", cancellationToken);
            if (completed is null)
            {
                var state = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.State).SingleAsync(cancellationToken);
                return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.InvalidTransition,
                    "The order cannot be confirmed.", $"The order is {state.ToName()}; only SHIPPED orders can be confirmed.");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return TypedResults.Ok(OrderResponse.From((await db.FindVisibleAsync(orderId, userId, cancellationToken))!));
    }
}
