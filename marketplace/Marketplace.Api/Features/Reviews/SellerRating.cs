namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Aggregate of a seller's PUBLISHED reviews, changed in the transaction that publishes (or pulls back) one,
/// so the rating never counts a review that is not visible.
/// </summary>
public sealed class SellerRating
{
    public Guid SellerId { get; set; }

    public int ReviewCount { get; set; }

    public long RatingSum { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
