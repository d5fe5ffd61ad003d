using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary>
/// <c>POST /api/orders/{id}/ship</c>: the seller delivers a PAID order. One transaction: the
/// conditional PAID → SHIPPED transition, a check (under the row lock that transition holds) that
/// no refund is pending, done, or given up with its outcome unknown (the money may have left), and the delivery row
/// with the secret encrypted.
/// </summary>
public sealed class ShipOrderHandler(MarketplaceDbContext db, OrderTransitions transitions, DeliverySecrets secrets, TimeProvider time)
{
    private const string RefundExists = "SELECT count(*) FROM refunds WHERE order_id = @id AND status IN ('PENDING', 'SUCCEEDED', 'GAVE_UP')";

    public async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, ShipRequest request, CancellationToken cancellationToken)
    {
        var found = await db.FindForPartyAsync(orderId, userId, OrderParty.Seller, "ship an order", cancellationToken);
        if (!found.Allowed)
        {
            return found.Refusal;
        }

        var order = found.Order;

        var kind = await db.Listings.AsNoTracking().Where(l => l.Id == order.ListingId).Select(l => l.Kind).SingleAsync(cancellationToken);
        var needsSecret = kind is ListingKind.Code or ListingKind.Account;
        var errors = new ValidationErrors()
            .When(needsSecret && string.IsNullOrWhiteSpace(request.Secret), "secret", $"A {kind} listing is delivered with its secret.")
            .When(!needsSecret && request.Secret is not null, "secret", "An item listing has no secret to deliver; use the note.")
            .When(request.Secret is { Length: > ShipRequest.MaxSecretLength }, "secret", $"The secret is longer than {ShipRequest.MaxSecretLength} characters.")
            .When(request.Note is { Length: > ShipRequest.MaxNoteLength }, "note", $"The note is longer than {ShipRequest.MaxNoteLength} characters.");
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var shipped = await transitions.TryTransitionAsync(
                db, orderId, OrderState.Paid, OrderState.Shipped, OrderActors.Seller(userId), "shipped by seller", cancellationToken);
            if (shipped is null)
            {
                var state = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.State).SingleAsync(cancellationToken);
                return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.InvalidTransition,
                    "The order cannot be shipped.", $"The order is {state.ToName()}; only PAID orders can be shipped.");
            }

            await using (var refunds = await db.CommandInTransactionAsync(RefundExists, cancellationToken))
            {
                refunds.Parameters.AddWithValue("id", orderId);
                if ((long)(await refunds.ExecuteScalarAsync(cancellationToken))! > 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return ApiProblems.Of(StatusCodes.Status409Conflict, FulfilmentProblemTypes.RefundInProgress,
                        "The order is being refunded.", "The buyer asked for a refund; it cannot be shipped.");
                }
            }

            db.Set<OrderDelivery>().Add(new OrderDelivery
            {
                OrderId = orderId,
                Kind = kind,
                ProtectedSecret = request.Secret is { } secret ? secrets.Protect(secret) : null,
                Note = request.Note,
                ShippedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return TypedResults.Ok(OrderResponse.From((await db.FindVisibleAsync(orderId, userId, cancellationToken))!));
    }
}
