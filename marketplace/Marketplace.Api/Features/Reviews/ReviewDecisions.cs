using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The people's transitions: an admin's decision on a HELD review, and the author's one appeal of a rejection.
/// Each is one transaction with a conditional update naming the state it expects (so a decision racing another
/// decides once), its audit row and, on publish, the seller's aggregate; caches are invalidated after commit.
/// </summary>
public sealed class ReviewDecisions(MarketplaceDbContext db, ReviewVisibilityChanges visibility, TimeProvider time)
{
    private const string Decide = """
        UPDATE reviews SET status = @to, moderated_at = @now,
            rejected_categories = CASE WHEN @to = 'REJECTED' THEN flagged_categories ELSE '{}' END
        WHERE id = @id AND status = 'HELD'
        RETURNING listing_id, seller_id, rating
        """;

    private const string Appeal = """
        UPDATE reviews SET status = 'HELD', appealed = true
        WHERE id = @id AND author_id = @author AND status = 'REJECTED' AND NOT appealed
        RETURNING id
        """;

    public async Task<ReviewDecisionOutcome> DecideAsync(Guid reviewId, Guid adminId, bool publish, string? note, CancellationToken cancellationToken)
    {
        var to = publish ? ReviewStatuses.Published : ReviewStatuses.Rejected;
        var now = time.GetUtcNow();
        Guid listingId;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            Guid sellerId;
            int rating;
            await using (var update = await db.CommandInTransactionAsync(Decide, cancellationToken))
            {
                update.Parameters.AddWithValue("id", reviewId);
                update.Parameters.AddWithValue("to", to);
                update.Parameters.AddWithValue("now", now);
                await using var reader = await update.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    await reader.DisposeAsync();
                    return await ExistsAsync(reviewId, cancellationToken) ? ReviewDecisionOutcome.WrongState : ReviewDecisionOutcome.NotFound;
                }

                listingId = reader.GetGuid(0);
                sellerId = reader.GetGuid(1);
                rating = reader.GetInt16(2);
            }

            if (publish)
            {
                await SellerRatings.PublishedAsync(db, sellerId, rating, now, cancellationToken);
            }

            await ReviewAudit.InsertAsync(db, reviewId, publish ? ReviewActions.Allow : ReviewActions.Reject, VerdictSources.Admin,
                ReviewActors.Admin(adminId), now, cancellationToken, note: note);
            await transaction.CommitAsync(cancellationToken);
        }

        if (publish)
        {
            await visibility.ListingChangedAsync(listingId, published: true);
        }

        return ReviewDecisionOutcome.Done;
    }

    /// <summary>REJECTED → HELD for a person to look again; once per review, by its author only.</summary>
    public async Task<ReviewDecisionOutcome> AppealAsync(Guid reviewId, Guid authorId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var update = await db.CommandInTransactionAsync(Appeal, cancellationToken))
        {
            update.Parameters.AddWithValue("id", reviewId);
            update.Parameters.AddWithValue("author", authorId);
            if (await update.ExecuteScalarAsync(cancellationToken) is null)
            {
                return ReviewDecisionOutcome.WrongState;
            }
        }

        await ReviewAudit.InsertAsync(db, reviewId, ReviewActions.Hold, VerdictSources.Appeal, ReviewActors.Author(authorId), now,
            cancellationToken, note: "appealed by the author");
        await transaction.CommitAsync(cancellationToken);
        return ReviewDecisionOutcome.Done;
    }

    private Task<bool> ExistsAsync(Guid reviewId, CancellationToken cancellationToken) =>
        db.Reviews.AsNoTracking().AnyAsync(r => r.Id == reviewId, cancellationToken);
}
