using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/admin/reviews/{id}/history</c>: a review's audit trail from <c>review_verdicts</c>, oldest first (by
/// the identity column, which follows commit order where timestamps may tie): every verdict of the model and every
/// decision of a person. A review still waiting for its first verdict has an empty trail.
/// </summary>
public sealed class ReviewHistoryHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<IReadOnlyList<VerdictResponse>>, ProblemHttpResult>> HandleAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        if (!await db.Reviews.AsNoTracking().AnyAsync(r => r.Id == reviewId, cancellationToken))
        {
            return ApiProblems.NotFound($"Review {reviewId} does not exist.");
        }

        var rows = await db.ReviewVerdicts.AsNoTracking()
            .Where(v => v.ReviewId == reviewId)
            .OrderBy(v => v.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VerdictResponse>>([.. rows.Select(VerdictResponse.From)]);
    }
}
