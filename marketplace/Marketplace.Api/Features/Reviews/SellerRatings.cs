using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Moves a review's rating into or out of its seller's aggregate, in the caller's transaction.</summary>
public static class SellerRatings
{
    private const string Add = """
        INSERT INTO seller_ratings (seller_id, review_count, rating_sum, updated_at) VALUES (@seller, 1, @rating, @now)
        ON CONFLICT (seller_id) DO UPDATE SET review_count = seller_ratings.review_count + 1,
            rating_sum = seller_ratings.rating_sum + @rating, updated_at = @now
        """;

    private const string Remove = """
        UPDATE seller_ratings SET review_count = review_count - 1, rating_sum = rating_sum - @rating, updated_at = @now
        WHERE seller_id = @seller
        """;

    public static Task PublishedAsync(MarketplaceDbContext db, Guid sellerId, int rating, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(db, Add, sellerId, rating, now, cancellationToken);

    public static Task WithdrawnAsync(MarketplaceDbContext db, Guid sellerId, int rating, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(db, Remove, sellerId, rating, now, cancellationToken);

    private static async Task RunAsync(MarketplaceDbContext db, string sql, Guid sellerId, int rating, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(sql, cancellationToken);
        command.Parameters.AddWithValue("seller", sellerId);
        command.Parameters.AddWithValue("rating", (long)rating);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
