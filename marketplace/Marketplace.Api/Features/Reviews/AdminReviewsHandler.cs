using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/admin/reviews?status=HELD&amp;appealed=true</c>: the moderation queue, oldest first, each review with its
/// latest audit row (why it is where it is); <c>appealed</c> splits the HELD queue into appeals awaiting a decision and the rest.
/// </summary>
public sealed class AdminReviewsHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<ReviewPage>, ValidationProblem>> HandleAsync(AdminReviewsQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Validate(errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var paging = valid.Paging;
        var reviews = db.Reviews.AsNoTracking().Where(r => r.Status == valid.Status);
        if (valid.Appealed is { } appealed)
        {
            reviews = reviews.Where(appealed ? AppealedReviews.AwaitingDecision(db) : AppealedReviews.NotAwaitingDecision(db));
        }

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
