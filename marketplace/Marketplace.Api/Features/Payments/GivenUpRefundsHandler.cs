using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Payments;

/// <summary><c>GET /api/admin/refunds/given-up</c>: refunds the retrier stopped trying, most recent first.</summary>
public sealed class GivenUpRefundsHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<GivenUpRefundPage>, ValidationProblem>> HandleAsync(string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Read(page, pageSize, errors);
        if (paging is null)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var refunds = db.Set<Refund>().AsNoTracking().Where(r => r.Status == RefundStatuses.GaveUp);
        var total = await refunds.CountAsync(cancellationToken);
        var items = await refunds.OrderByDescending(r => r.GaveUpAt).ThenBy(r => r.OutRequestNo)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(r => new GivenUpRefund(r.OutRequestNo, r.OrderId, r.OutTradeNo, r.Amount, r.Reason, r.Attempts, r.LastError, r.CreatedAt, r.GaveUpAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new GivenUpRefundPage(items, paging.Page, paging.PageSize, total));
    }
}
