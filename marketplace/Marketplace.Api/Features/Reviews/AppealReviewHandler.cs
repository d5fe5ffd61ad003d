using System.Security.Claims;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>POST /api/reviews/{id}/appeal</c>: the author asks a person to look at a rejection, once. A review the
/// caller cannot see is a 404; one they can see but may not appeal (not theirs, not REJECTED, appealed before)
/// is a 409.
/// </summary>
public sealed class AppealReviewHandler(MarketplaceDbContext db, ReviewDecisions decisions)
{
    public async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal user, Guid reviewId, CancellationToken cancellationToken)
    {
        var viewer = ReviewViewer.From(user);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null || !viewer.CanSee(review))
        {
            return ApiProblems.NotFound($"Review {reviewId} does not exist.");
        }

        if (await decisions.AppealAsync(reviewId, viewer.UserId!.Value, cancellationToken) != ReviewDecisionOutcome.Done)
        {
            var reason = review.AuthorId != viewer.UserId ? "Only the review's author may appeal it."
                : review.Appealed ? "The review was appealed already; a review is appealed once."
                : $"The review is {review.Status}; only REJECTED reviews can be appealed.";
            return ApiProblems.Of(StatusCodes.Status409Conflict, ReviewProblemTypes.AppealNotAllowed, "The review cannot be appealed.", reason);
        }

        var appealed = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == reviewId, cancellationToken);
        return TypedResults.Ok(ReviewResponse.From(appealed, privileged: true));
    }
}
