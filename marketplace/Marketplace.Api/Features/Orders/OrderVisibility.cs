using Microsoft.EntityFrameworkCore;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;

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

    /// <summary>
    /// The order for a step only <paramref name="party"/> may take (<paramref name="action"/> completes "Only the buyer
    /// may ..."): the one preamble of every order step handler.
    /// </summary>
    public static async Task<PartyOrder> FindForPartyAsync(
        this MarketplaceDbContext db, Guid orderId, Guid userId, OrderParty party, string action, CancellationToken cancellationToken)
    {
        var order = await db.FindVisibleAsync(orderId, userId, cancellationToken);
        if (order is null)
        {
            return new PartyOrder(null, ApiProblems.NotFound($"Order {orderId} does not exist."));
        }

        var partyId = party == OrderParty.Buyer ? order.BuyerId : order.SellerId;
        return partyId == userId
            ? new PartyOrder(order, null)
            : new PartyOrder(null, ApiProblems.Forbidden($"Only the {party.ToString().ToLowerInvariant()} may {action}."));
    }
}
