using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary><c>POST /api/admin/reviews/{id}/decision</c>: an admin publishes or rejects a HELD review.</summary>
public sealed class ReviewDecisionHandler(MarketplaceDbContext db, ReviewDecisions decisions)
{
    public async Task<Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid adminId, Guid reviewId, ReviewDecisionRequest? request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .When(request?.Decision is not (ReviewDecisionRequest.Publish or ReviewDecisionRequest.Reject), "decision",
                $"The decision must be '{ReviewDecisionRequest.Publish}' or '{ReviewDecisionRequest.Reject}'.")
            .When(request?.Note is { Length: > ReviewRules.MaxNoteLength }, "note", $"The note is longer than {ReviewRules.MaxNoteLength} characters.");
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var outcome = await decisions.DecideAsync(reviewId, adminId, request!.Decision == ReviewDecisionRequest.Publish, request.Note, cancellationToken);
        switch (outcome)
        {
            case ReviewDecisionOutcome.NotFound:
                return ApiProblems.NotFound($"Review {reviewId} does not exist.");
            case ReviewDecisionOutcome.WrongState:
                var status = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId).Select(r => r.Status).SingleAsync(cancellationToken);
                return ApiProblems.Of(StatusCodes.Status409Conflict, ReviewProblemTypes.InvalidReviewTransition,
                    "The review is not waiting for a decision.", $"The review is {status}; only HELD reviews are decided by an admin.");
            default:
                var review = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == reviewId, cancellationToken);
                return TypedResults.Ok(ReviewResponse.From(review, privileged: true));
        }
    }
}
