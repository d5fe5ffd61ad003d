namespace Marketplace.Api.Features.Reviews;

/// <summary>A seller's published reviews in aggregate; <see cref="AverageRating"/> is 0 when there are none.</summary>
public sealed record SellerRatingResponse(Guid SellerId, int ReviewCount, double AverageRating);
