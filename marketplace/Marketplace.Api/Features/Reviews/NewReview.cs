namespace Marketplace.Api.Features.Reviews;

/// <summary>A buyer's review as submitted, before it is stored PENDING.</summary>
public sealed record NewReview(Guid Id, Guid OrderId, Guid ListingId, Guid SellerId, Guid AuthorId, int Rating, string Text);
