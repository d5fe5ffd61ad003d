using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Applies the worker's outcomes to PENDING reviews. Each verdict is one transaction: a conditional
/// <c>UPDATE reviews ... WHERE id = @id AND status = 'PENDING'</c>, the audit row, and (on publish) the seller's
/// aggregate. A review another worker already moderated updates zero rows and writes nothing, so a review is
/// moderated once however many workers saw it.
/// </summary>
public sealed class ReviewVerdictApplier(
    MarketplaceDbContext db, ReviewVisibilityChanges visibility, IOptions<ReviewsOptions> options, TimeProvider time)
{
    private const string ApplyModel = """
        UPDATE reviews SET status = @status, moderated_at = @now, next_attempt_at = NULL, last_error = NULL,
            language_family = @family, family_score = @family_score, abuse = @abuse, sexual = @sexual, scam = @scam,
            spam = @spam, personal_info = @personal_info, model_version = @model,
            flagged_categories = @flagged, rejected_categories = @rejected
        WHERE id = @id AND status = 'PENDING'
        RETURNING listing_id, seller_id, rating, created_at
        """;

    private const string HoldRefused = """
        UPDATE reviews SET status = 'HELD', moderated_at = @now, next_attempt_at = NULL, last_error = @error
        WHERE id = @id AND status = 'PENDING'
        RETURNING listing_id, seller_id, rating, created_at
        """;

    // Per-row delays computed by ModerationBackoff; still PENDING rows only.
    private const string BackOff = """
        UPDATE reviews r SET attempts = r.attempts + 1, last_error = @error,
            next_attempt_at = @now + make_interval(secs => d.seconds)
        FROM unnest(@ids, @seconds) AS d(id, seconds)
        WHERE r.id = d.id AND r.status = 'PENDING'
        """;

    // Like BackOff, and counts the malformed answer; the caller holds a review whose returned count reached the bound.
    private const string CountMalformed = """
        UPDATE reviews r SET attempts = r.attempts + 1, malformed_verdicts = r.malformed_verdicts + 1, last_error = @error,
            next_attempt_at = @now + make_interval(secs => d.seconds)
        FROM unnest(@ids, @seconds) AS d(id, seconds)
        WHERE r.id = d.id AND r.status = 'PENDING'
        RETURNING r.id, r.malformed_verdicts
        """;

    /// <summary>Publishes, holds or rejects the review by the model's verdict; null when it was no longer PENDING.</summary>
    public async Task<AppliedVerdict?> ApplyAsync(Guid reviewId, ModerationVerdictRow verdict, CancellationToken cancellationToken)
    {
        var status = verdict.Action.ToStatus();
        var now = time.GetUtcNow();
        AppliedVerdict? applied;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using (var update = await db.CommandInTransactionAsync(ApplyModel, cancellationToken))
            {
                update.Parameters.AddWithValue("id", reviewId);
                update.Parameters.AddWithValue("status", status);
                update.Parameters.AddWithValue("now", now);
                verdict.AddReviewParameters(update);
                update.Parameters.AddWithValue("rejected", NpgsqlDbType.Array | NpgsqlDbType.Text, verdict.Rejected);
                applied = await ReadAppliedAsync(update, reviewId, status, now, cancellationToken);
            }

            if (applied is null)
            {
                return null;
            }

            await ReviewAudit.InsertAsync(db, reviewId, verdict.Action.ToName(), VerdictSources.Auto, ReviewActors.Moderation, now,
                cancellationToken, verdict);
            await transaction.CommitAsync(cancellationToken);
        }

        if (status == ReviewStatuses.Published)
        {
            await visibility.ListingChangedAsync(applied.ListingId, published: true);
        }

        return applied;
    }

    /// <summary>
    /// The service refused this text as bad input (retrying will not help): the review goes to a person, HELD,
    /// with the refusal in its audit row. It is never published unmoderated and never dropped.
    /// </summary>
    public Task<AppliedVerdict?> HoldRefusedAsync(Guid reviewId, string error, CancellationToken cancellationToken) =>
        HoldAsync(reviewId, error, "inference refused the text: " + error, cancellationToken);

    /// <summary>
    /// The service answered without a usable verdict for these reviews: each one's malformed count and back-off grow
    /// (it is retried like after an outage), and a review that reached <see cref="ReviewsOptions.MaxMalformedVerdicts"/>
    /// is HELD for a person with the reason in its audit row. Returns the reviews held now.
    /// </summary>
    public async Task<IReadOnlyList<AppliedVerdict>> RecordMalformedAsync(
        IReadOnlyList<ClaimedReview> reviews, string error, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var seconds = reviews
            .Select(r => ModerationBackoff.Delay(r.Attempts + 1, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble()).TotalSeconds)
            .ToArray();
        var exhausted = new List<(Guid Id, int Count)>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using (var update = await db.CommandInTransactionAsync(CountMalformed, cancellationToken))
            {
                update.Parameters.AddWithValue("ids", reviews.Select(r => r.Id).ToArray());
                update.Parameters.AddWithValue("seconds", seconds);
                update.Parameters.AddWithValue("now", time.GetUtcNow());
                update.Parameters.AddWithValue("error", Truncate("malformed verdict: " + error, 500));
                await using var reader = await update.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetInt32(1) >= settings.MaxMalformedVerdicts)
                    {
                        exhausted.Add((reader.GetGuid(0), reader.GetInt32(1)));
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var held = new List<AppliedVerdict>();
        foreach (var (id, count) in exhausted)
        {
            var note = $"inference sent no usable verdict {count} times (the last: {error}); held for a person";
            if (await HoldAsync(id, "malformed verdict: " + error, note, cancellationToken) is { } applied)
            {
                held.Add(applied);
            }
        }

        return held;
    }

    private async Task<AppliedVerdict?> HoldAsync(Guid reviewId, string error, string note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        AppliedVerdict? applied;
        await using (var update = await db.CommandInTransactionAsync(HoldRefused, cancellationToken))
        {
            update.Parameters.AddWithValue("id", reviewId);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("error", Truncate(error, 500));
            applied = await ReadAppliedAsync(update, reviewId, ReviewStatuses.Held, now, cancellationToken);
        }

        if (applied is null)
        {
            return null;
        }

        await ReviewAudit.InsertAsync(db, reviewId, ReviewActions.Hold, VerdictSources.Auto, ReviewActors.Moderation, now,
            cancellationToken, note: note);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The service was unavailable: each review waits its own jittered, growing delay before the next try.</summary>
    public async Task BackOffAsync(IReadOnlyList<ClaimedReview> reviews, string error, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var seconds = reviews
            .Select(r => ModerationBackoff.Delay(r.Attempts + 1, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble()).TotalSeconds)
            .ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var update = await db.CommandInTransactionAsync(BackOff, cancellationToken))
        {
            update.Parameters.AddWithValue("ids", reviews.Select(r => r.Id).ToArray());
            update.Parameters.AddWithValue("seconds", seconds);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            update.Parameters.AddWithValue("error", Truncate(error, 500));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<AppliedVerdict?> ReadAppliedAsync(
        Npgsql.NpgsqlCommand update, Guid reviewId, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Guid listingId, sellerId;
        int rating;
        DateTimeOffset createdAt;
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            listingId = reader.GetGuid(0);
            sellerId = reader.GetGuid(1);
            rating = reader.GetInt16(2);
            createdAt = reader.GetFieldValue<DateTimeOffset>(3);
        }

        if (status == ReviewStatuses.Published)
        {
            await SellerRatings.PublishedAsync(db, sellerId, rating, now, cancellationToken);
        }

        return new AppliedVerdict(reviewId, listingId, status, createdAt);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
