using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>POST /api/orders/{orderId}/reviews</c>: the order's buyer reviews a SHIPPED or COMPLETED order once. The
/// review is committed PENDING (due now) before anything asks inference, then the worker is woken; the answer is
/// 202 whatever inference's state.
/// </summary>
public sealed class SubmitReviewHandler(MarketplaceDbContext db, ReviewTransitions transitions, ModerationSignal signal)
{
    // FOR SHARE: the order cannot change state (a refund) between this check and the insert's commit.
    private const string LockOrder = "SELECT state, seller_id, listing_id FROM orders WHERE id = @id AND buyer_id = @buyer FOR SHARE";

    private static readonly string[] Reviewable = [OrderState.Shipped.ToName(), OrderState.Completed.ToName()];

    public async Task<Results<Accepted<SubmittedReview>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, SubmitReviewRequest? request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .When(request?.Rating is null, "rating", "A rating is required.")
            .When(request?.Rating is < ReviewRules.MinRating or > ReviewRules.MaxRating, "rating",
                $"The rating must be between {ReviewRules.MinRating} and {ReviewRules.MaxRating}.")
            .When(string.IsNullOrWhiteSpace(request?.Text), "text", "The text must not be empty.")
            .When(request?.Text is { Length: > ReviewRules.MaxTextLength }, "text", $"The text is longer than {ReviewRules.MaxTextLength} characters.");
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var reviewId = Guid.CreateVersion7();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            string state;
            Guid sellerId, listingId;
            await using (var order = await db.CommandInTransactionAsync(LockOrder, cancellationToken))
            {
                order.Parameters.AddWithValue("id", orderId);
                order.Parameters.AddWithValue("buyer", userId);
                await using var reader = await order.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    // Someone else's order looks exactly like a missing one.
                    return ApiProblems.NotFound($"Order {orderId} does not exist.");
                }

                state = reader.GetString(0);
                sellerId = reader.GetGuid(1);
                listingId = reader.GetGuid(2);
            }

            if (!Reviewable.Contains(state, StringComparer.Ordinal))
            {
                return ApiProblems.Of(StatusCodes.Status409Conflict, ReviewProblemTypes.OrderNotReviewable,
                    "The order cannot be reviewed yet.", $"The order is {state}; only SHIPPED or COMPLETED orders can be reviewed.");
            }

            try
            {
                await transitions.InsertPendingAsync(
                    new NewReview(reviewId, orderId, listingId, sellerId, userId, request!.Rating!.Value, request.Text!), cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return ReviewExists(orderId);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        signal.Notify();
        return TypedResults.Accepted($"/api/reviews/{reviewId}", new SubmittedReview(reviewId, ReviewStatuses.Pending));
    }

    private static ProblemHttpResult ReviewExists(Guid orderId) =>
        ApiProblems.Of(StatusCodes.Status409Conflict, ReviewProblemTypes.ReviewExists,
            "The order already has a review.", $"Order {orderId} was already reviewed; each order takes one review.");
}
