using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary><c>GET /api/sellers/{id}/rating</c>: the aggregate row kept with every publish and withdrawal.</summary>
public sealed class SellerRatingHandler(MarketplaceDbContext db)
{
    public async Task<Ok<SellerRatingResponse>> HandleAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var rating = await db.SellerRatings.AsNoTracking().SingleOrDefaultAsync(r => r.SellerId == sellerId, cancellationToken);
        return rating is null || rating.ReviewCount == 0
            ? TypedResults.Ok(new SellerRatingResponse(sellerId, 0, 0))
            : TypedResults.Ok(new SellerRatingResponse(sellerId, rating.ReviewCount, Math.Round((double)rating.RatingSum / rating.ReviewCount, 2)));
    }
}
