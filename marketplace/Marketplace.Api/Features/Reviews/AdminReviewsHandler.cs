using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/admin/reviews?status=HELD</c>: the moderation queue, oldest first, each review with its latest
/// audit row (why it is where it is).
/// </summary>
public sealed class AdminReviewsHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<ReviewPage>, ValidationProblem>> HandleAsync(AdminReviewsQuery query, CancellationToken cancellationToken)
    {
        var status = string.IsNullOrEmpty(query.Status) ? ReviewStatuses.Held : query.Status.ToUpperInvariant();
        var errors = new ValidationErrors()
            .When(!ReviewStatuses.IsKnown(status), "status", $"The status must be one of {string.Join(", ", ReviewStatuses.All)}.");
        var paging = PageRequest.Read(query.Page, query.PageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var reviews = db.Reviews.AsNoTracking().Where(r => r.Status == status);
        var total = await reviews.CountAsync(cancellationToken);
        var page = await reviews.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var ids = page.Select(r => r.Id).ToList();
        var latest = (await db.ReviewVerdicts.AsNoTracking().Where(v => ids.Contains(v.ReviewId)).ToListAsync(cancellationToken))
            .GroupBy(v => v.ReviewId)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Id)!);
        var items = page.Select(r => ReviewResponse.From(r, privileged: true) with
        {
            LatestVerdict = latest.TryGetValue(r.Id, out var verdict) ? VerdictResponse.From(verdict) : null,
        }).ToList();
        return TypedResults.Ok(new ReviewPage(items, paging.Page, paging.PageSize, total));
    }
}
