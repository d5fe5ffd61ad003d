using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Features.Orders;

public sealed class GetOrderHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.FindVisibleAsync(orderId, userId, cancellationToken);
        return order is null
            ? ApiProblems.NotFound($"Order {orderId} does not exist.")
            : TypedResults.Ok(OrderResponse.From(order));
    }
}
