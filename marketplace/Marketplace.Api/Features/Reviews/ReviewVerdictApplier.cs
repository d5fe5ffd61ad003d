using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Applies the worker's outcomes to PENDING reviews. A verdict, or a hold without one, is a transition out of
/// PENDING made by <see cref="ReviewTransitions"/>: a review another worker already moderated changes nothing, so a
/// review is moderated once however many workers saw it. Back-offs keep the review PENDING and only reschedule it.
/// </summary>
public sealed class ReviewVerdictApplier(
    MarketplaceDbContext db, ReviewTransitions transitions, IOptions<ReviewsOptions> options, TimeProvider time)
{

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
    public Task<TransitionedReview?> ApplyAsync(Guid reviewId, ModerationVerdictRow verdict, CancellationToken cancellationToken) =>
        transitions.TryTransitionAsync(
            new ReviewTransition(reviewId, ReviewStatuses.Pending, verdict.Action.ToStatus(), VerdictSources.Auto, ReviewActors.Moderation)
            {
                Model = verdict,
            },
            cancellationToken);

    /// <summary>
    /// The service refused this text as bad input (retrying will not help): the review goes to a person, HELD,
    /// with the refusal in its audit row. It is never published unmoderated and never dropped.
    /// </summary>
    public Task<TransitionedReview?> HoldRefusedAsync(Guid reviewId, string error, CancellationToken cancellationToken) =>
        HoldAsync(reviewId, error, "inference refused the text: " + error, cancellationToken);

    /// <summary>
    /// The service answered without a usable verdict for these reviews: each one's malformed count and back-off grow
    /// (it is retried like after an outage), and a review that reached <see cref="ReviewsOptions.MaxMalformedVerdicts"/>
    /// is HELD for a person with the reason in its audit row. Returns the reviews held now.
    /// </summary>
    public async Task<IReadOnlyList<TransitionedReview>> RecordMalformedAsync(
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
                update.Parameters.AddWithValue("error", Truncate("malformed verdict: " + error));
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

        var held = new List<TransitionedReview>();
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

    private Task<TransitionedReview?> HoldAsync(Guid reviewId, string error, string note, CancellationToken cancellationToken) =>
        transitions.TryTransitionAsync(
            new ReviewTransition(reviewId, ReviewStatuses.Pending, ReviewStatuses.Held, VerdictSources.Auto, ReviewActors.Moderation)
            {
                Error = error,
                Note = note,
            },
            cancellationToken);

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
            update.Parameters.AddWithValue("error", Truncate(error));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= ReviewTransitions.MaxErrorLength ? text : text[..ReviewTransitions.MaxErrorLength];
}
