using System.Security.Claims;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/reviews/{id}</c>. A review that is not published exists only for its author and admins; for
/// everyone else it is a 404, like an id that was never used.
/// </summary>
public sealed class GetReviewHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal user, Guid reviewId, CancellationToken cancellationToken)
    {
        var viewer = ReviewViewer.From(user);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        return review is null || !viewer.CanSee(review)
            ? ApiProblems.NotFound($"Review {reviewId} does not exist.")
            : TypedResults.Ok(ReviewResponse.From(review, viewer.IsPrivileged(review)));
    }
}
