using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Reviews;

/// <summary>The reviews feature's stable problem types (see <see cref="ProblemTypes"/>).</summary>
public static class ReviewProblemTypes
{
    public const string ReviewExists = ProblemTypes.Base + "review-exists";
    public const string OrderNotReviewable = ProblemTypes.Base + "order-not-reviewable";
    public const string AppealNotAllowed = ProblemTypes.Base + "appeal-not-allowed";
    public const string InvalidReviewTransition = ProblemTypes.Base + "invalid-review-transition";
    public const string ModerationUnavailable = ProblemTypes.Base + "moderation-unavailable";

    /// <summary>404 from <c>GET /api/orders/{id}/review</c> to a party of the order: no review it may see (yet).</summary>
    public const string NoReview = ProblemTypes.Base + "no-review";
}
