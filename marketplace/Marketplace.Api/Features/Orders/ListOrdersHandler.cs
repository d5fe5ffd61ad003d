using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Orders;

/// <summary>The caller's own purchases, newest first, id as tie-break so pages never overlap or skip.</summary>
public sealed class ListOrdersHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<OrderPage>, ValidationProblem>> HandleAsync(
        Guid buyerId, ListOrdersQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (PageRequest.Read(query.Page, query.PageSize, errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var orders = db.Orders.AsNoTracking().Where(o => o.BuyerId == buyerId);
        var total = await orders.CountAsync(cancellationToken);
        var page = await orders
            .OrderByDescending(o => o.CreatedAt)
            .ThenByDescending(o => o.Id)
            .Skip(valid.Skip)
            .Take(valid.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrderPage([.. page.Select(OrderResponse.From)], valid.Page, valid.PageSize, total));
    }
}
