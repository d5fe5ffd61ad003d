using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The caller's own orders, as buyer (their purchases, the default) or as seller (what they sold), optionally in one
/// state; newest first, id as tie-break so pages never overlap or skip. Nobody is refused a side: a user who never
/// sold anything has an empty seller list.
/// </summary>
public sealed class ListOrdersHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<OrderPage>, ValidationProblem>> HandleAsync(
        Guid userId, ListOrdersQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Validate(errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var orders = valid.Party == OrderParty.Seller
            ? db.Orders.AsNoTracking().Where(o => o.SellerId == userId)
            : db.Orders.AsNoTracking().Where(o => o.BuyerId == userId);
        if (valid.State is { } state)
        {
            orders = orders.Where(o => o.State == state);
        }

        var paging = valid.Paging;
        var total = await orders.CountAsync(cancellationToken);
        var page = await orders
            .OrderByDescending(o => o.CreatedAt)
            .ThenByDescending(o => o.Id)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrderPage([.. page.Select(OrderResponse.From)], paging.Page, paging.PageSize, total));
    }
}
