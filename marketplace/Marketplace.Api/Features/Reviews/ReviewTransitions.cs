using Marketplace.Api.Infrastructure.Persistence;
using NpgsqlTypes;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Every review status change goes through here: the insert that starts a review PENDING, and
/// <see cref="TryTransitionAsync"/> for each later move. A move is one transaction: one conditional
/// <c>UPDATE reviews ... WHERE id = @id AND status = @from</c>, its audit row and, when a review enters or leaves
/// PUBLISHED, the seller's aggregate; the listing's cached reviews are invalidated after commit. Racing writers
/// (two workers, an admin and re-moderation) all name the status they expect; PostgreSQL re-checks it on the
/// locked row, so exactly one sees a row updated and the others change nothing.
/// </summary>
public sealed class ReviewTransitions(MarketplaceDbContext db, ReviewVisibilityChanges visibility, TimeProvider time)
{
    /// <summary>The longest <c>last_error</c> kept.</summary>
    public const int MaxErrorLength = 500;

    private const string Insert = """
        INSERT INTO reviews (id, order_id, listing_id, seller_id, author_id, rating, text, status, created_at,
                             next_attempt_at, attempts, flagged_categories, rejected_categories, appealed, trace_parent)
        VALUES (@id, @order, @listing, @seller, @author, @rating, @text, 'PENDING', @now, @now, 0, '{}', '{}', false, @trace_parent)
        """;

    // Leaving PENDING ends the retry schedule. The model's columns change only with a verdict (null parameters keep
    // them). Rejected categories: a model rejection names them, an admin's rejection takes the flagged ones, a
    // publish clears them, a hold keeps them (an appealed review still shows why it was rejected). An appeal asks
    // for moderation, it is not one: it leaves moderated_at and marks the review appealed, which it may be once.
    private const string Update = """
        UPDATE reviews SET status = @to,
            moderated_at = CASE WHEN @appeal THEN moderated_at ELSE @now END,
            next_attempt_at = CASE WHEN @from = 'PENDING' THEN NULL ELSE next_attempt_at END,
            last_error = CASE WHEN @from = 'PENDING' THEN @error ELSE last_error END,
            model_version = COALESCE(@model, model_version),
            language_family = COALESCE(@family, language_family), family_score = COALESCE(@family_score, family_score),
            abuse = COALESCE(@abuse, abuse), sexual = COALESCE(@sexual, sexual), scam = COALESCE(@scam, scam),
            spam = COALESCE(@spam, spam), personal_info = COALESCE(@personal_info, personal_info),
            flagged_categories = COALESCE(@flagged, flagged_categories),
            rejected_categories = CASE @to WHEN 'REJECTED' THEN COALESCE(@rejected, flagged_categories)
                                           WHEN 'PUBLISHED' THEN '{}' ELSE rejected_categories END,
            appealed = appealed OR @appeal
        WHERE id = @id AND status = @from AND (@author IS NULL OR author_id = @author) AND NOT (@appeal AND appealed)
        RETURNING listing_id, seller_id, rating, created_at
        """;

    /// <summary>Inserts a new review PENDING and due at once, in the caller's transaction.</summary>
    /// <exception cref="Npgsql.PostgresException">A unique violation when the order already has a review.</exception>
    public async Task InsertPendingAsync(NewReview review, CancellationToken cancellationToken)
    {
        await using var insert = await db.CommandInTransactionAsync(Insert, cancellationToken);
        insert.Parameters.AddWithValue("id", review.Id);
        insert.Parameters.AddWithValue("order", review.OrderId);
        insert.Parameters.AddWithValue("listing", review.ListingId);
        insert.Parameters.AddWithValue("seller", review.SellerId);
        insert.Parameters.AddWithValue("author", review.AuthorId);
        insert.Parameters.AddWithValue("rating", (short)review.Rating);
        insert.Parameters.AddWithValue("text", review.Text);
        insert.Parameters.AddWithValue("now", time.GetUtcNow());
        insert.Parameters.AddWithValue("trace_parent", (object?)ReviewTracing.CurrentTraceParent() ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="move"/> if the review is still in its <see cref="ReviewTransition.From"/> status (and
    /// the guard holds); returns the review when this call won, null when it changed nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state machine does not allow the move.</exception>
    public async Task<TransitionedReview?> TryTransitionAsync(ReviewTransition move, CancellationToken cancellationToken)
    {
        if (!ReviewStateMachine.CanTransition(move.From, move.To, move.Source))
        {
            throw new InvalidOperationException($"{move.From} → {move.To} by {move.Source} is not a legal review transition.");
        }

        var now = time.GetUtcNow();
        TransitionedReview transitioned;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            Guid sellerId;
            int rating;
            await using (var update = await db.CommandInTransactionAsync(Update, cancellationToken))
            {
                Bind(update, move, now);
                await using var reader = await update.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                transitioned = new TransitionedReview(move.ReviewId, reader.GetGuid(0), move.From, move.To, reader.GetFieldValue<DateTimeOffset>(3));
                sellerId = reader.GetGuid(1);
                rating = reader.GetInt16(2);
            }

            if (move.To == ReviewStatuses.Published)
            {
                await SellerRatings.PublishedAsync(db, sellerId, rating, now, cancellationToken);
            }
            else if (move.From == ReviewStatuses.Published)
            {
                await SellerRatings.WithdrawnAsync(db, sellerId, rating, now, cancellationToken);
            }

            await ReviewAudit.InsertAsync(db, move.ReviewId, move.Model?.Action.ToName() ?? ActionLeadingTo(move.To), move.Source, move.Actor,
                now, cancellationToken, move.Model, move.Note);
            await transaction.CommitAsync(cancellationToken);
        }

        if (move.To == ReviewStatuses.Published || move.From == ReviewStatuses.Published)
        {
            await visibility.ListingChangedAsync(transitioned.ListingId, published: move.To == ReviewStatuses.Published);
        }

        return transitioned;
    }

    private static void Bind(Npgsql.NpgsqlCommand update, ReviewTransition move, DateTimeOffset now)
    {
        update.Parameters.AddWithValue("id", move.ReviewId);
        update.Parameters.AddWithValue("from", move.From);
        update.Parameters.AddWithValue("to", move.To);
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("appeal", move.Source == VerdictSources.Appeal);
        update.Parameters.Add(ModerationVerdictRow.Nullable("author", NpgsqlDbType.Uuid, move.AuthorId));
        update.Parameters.Add(ModerationVerdictRow.Nullable("error", NpgsqlDbType.Varchar,
            move.Error is { Length: > MaxErrorLength } error ? error[..MaxErrorLength] : move.Error));
        ModerationVerdictRow.AddParameters(update, move.Model);
        update.Parameters.Add(ModerationVerdictRow.Nullable("flagged", NpgsqlDbType.Array | NpgsqlDbType.Text, move.Model?.Flagged));
        update.Parameters.Add(ModerationVerdictRow.Nullable("rejected", NpgsqlDbType.Array | NpgsqlDbType.Text, move.Model?.Rejected));
    }

    // A move without the model's verdict is recorded as the action that leads to its status.
    private static string ActionLeadingTo(string status) => status switch
    {
        ReviewStatuses.Published => ReviewActions.Allow,
        ReviewStatuses.Held => ReviewActions.Hold,
        _ => ReviewActions.Reject,
    };
}
