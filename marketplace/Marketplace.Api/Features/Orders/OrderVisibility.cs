using Microsoft.EntityFrameworkCore;
using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// An order is visible to its buyer and its seller only; to anyone else it does not exist (404),
/// so order ids reveal nothing.
/// </summary>
public static class OrderVisibility
{
    public static Task<Order?> FindVisibleAsync(this MarketplaceDbContext db, Guid orderId, Guid userId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking()
            .SingleOrDefaultAsync(o => o.Id == orderId && (o.BuyerId == userId || o.SellerId == userId), cancellationToken);
}
