using System.Security.Claims;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/orders/{id}/review</c>: the review written for an order, for the order's buyer and seller; to anyone
/// else the order does not exist (404). Shaped as <see cref="GetReviewHandler"/> shapes it: the buyer, who wrote it,
/// sees it in every status with its rejected categories; the seller sees it once published, as the listing's readers
/// do, so a review held or rejected for abuse never reaches the person it is about. To the seller an unpublished review
/// and no review read alike (404 <c>no-review</c>), so the answer says nothing moderation has not released.
/// </summary>
public sealed class OrderReviewHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal user, Guid orderId, CancellationToken cancellationToken)
    {
        var viewer = ReviewViewer.From(user);
        var order = await db.FindVisibleAsync(orderId, viewer.UserId!.Value, cancellationToken);
        if (order is null)
        {
            return ApiProblems.NotFound($"Order {orderId} does not exist.");
        }

        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (review is null || !viewer.CanSee(review))
        {
            var detail = order.BuyerId == viewer.UserId
                ? $"Order {orderId} has no review yet; its buyer may write one once it is shipped."
                : $"Order {orderId} has no published review.";
            return ApiProblems.Of(StatusCodes.Status404NotFound, ReviewProblemTypes.NoReview, "The order has no review to show.", detail);
        }

        return TypedResults.Ok(ReviewResponse.From(review, viewer.IsPrivileged(review)));
    }
}
