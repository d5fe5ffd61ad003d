using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary><c>GET /api/orders/{id}/delivery</c>: the decrypted delivery, for the buyer only, once shipped.</summary>
public sealed class GetDeliveryHandler(MarketplaceDbContext db, DeliverySecrets secrets)
{
    public async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        var found = await db.FindForPartyAsync(orderId, userId, OrderParty.Buyer, "read the delivery", cancellationToken);
        if (!found.Allowed)
        {
            return found.Refusal;
        }

        var order = found.Order;

        var delivery = await db.Set<OrderDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.OrderId == orderId, cancellationToken);
        if (delivery is null || order.State is not (OrderState.Shipped or OrderState.Completed))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, FulfilmentProblemTypes.NotShipped,
                "The order has not been shipped.", $"The order is {order.State.ToName()}.");
        }

        var secret = delivery.ProtectedSecret is { } p ? secrets.Unprotect(p) : null;
        return TypedResults.Ok(new DeliveryResponse(orderId, delivery.Kind, secret, delivery.Note, delivery.ShippedAt));
    }
}
