using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Orders;

/// <summary>An order's transitions, oldest first, for its buyer or seller.</summary>
public sealed class OrderHistoryHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<IReadOnlyList<OrderHistoryEntry>>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, CancellationToken cancellationToken)
    {
        if (await db.FindVisibleAsync(orderId, userId, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"Order {orderId} does not exist.");
        }

        var rows = await db.OrderHistory.AsNoTracking()
            .Where(h => h.OrderId == orderId)
            .OrderBy(h => h.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OrderHistoryEntry>>([.. rows.Select(OrderHistoryEntry.Of)]);
    }
}
