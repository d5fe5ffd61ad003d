using System.Text.Json;
using Marketplace.Api.Infrastructure.Moderation;
using Microsoft.Extensions.Options;
using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Moderates stored PENDING reviews through the inference service. Woken at once by <see cref="ModerationSignal"/>
/// after a submit and otherwise every <see cref="ReviewsOptions.PollInterval"/>, it claims due reviews in batches
/// (<see cref="PendingReviewClaims"/>, safe across instances), sends each batch in one <c>/v2/moderate</c> call
/// (halved by <see cref="BatchBisection"/> when one text spoils it) and applies each verdict on its own
/// (<see cref="ReviewVerdictApplier"/>). An answer without a usable verdict for a
/// review (malformed) counts against that review alone, which is held for a person after
/// <see cref="ReviewsOptions.MaxMalformedVerdicts"/> of them. Nothing lives only in memory: a
/// crash leaves claimed reviews PENDING, and they are claimed again when their lease runs out.
/// </summary>
public sealed partial class ReviewModerationWorker(
    ModerationSignal signal,
    PendingReviewClaims claims,
    ReviewMetrics metrics,
    ModerationEndpoint endpoint,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<ReviewsOptions> options,
    ILogger<ReviewModerationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            return;
        }

        try
        {
            // Hosted services start before the database initializer has migrated a fresh database.
            await WhenStartedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshBacklogAsync(stoppingToken);
                    if (endpoint.Configured)
                    {
                        await DrainAsync(settings, stoppingToken);
                        await RefreshBacklogAsync(stoppingToken);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // PostgreSQL trouble and the like: claimed reviews keep their lease and come back after it.
                    LogPassFailed(logger, ex);
                }

                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; an in-flight batch stays claimed and PENDING.
        }
    }

    /// <summary>Moderates due reviews batch by batch until none is due or the service is unavailable.</summary>
    private async Task DrainAsync(ReviewsOptions settings, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await claims.ClaimAsync(settings.BatchSize, settings.ClaimLease, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var client = scope.ServiceProvider.GetRequiredService<ModerationClient>();
            var applier = scope.ServiceProvider.GetRequiredService<ReviewVerdictApplier>();
            // Unavailable meanwhile: the parts not tried yet wait their back-off too rather than their lease.
            if (!await BatchBisection.RunAsync(
                    batch,
                    part => ModerateAsync(client, applier, part, cancellationToken),
                    rest => applier.BackOffAsync(rest, "moderation service unavailable", cancellationToken)))
            {
                return;
            }
        }
    }

    /// <summary>One call for <paramref name="batch"/>; Stop when the service was unavailable (the batch backed off).</summary>
    private async Task<BatchAttempt> ModerateAsync(
        ModerationClient client, ReviewVerdictApplier applier, IReadOnlyList<ClaimedReview> batch, CancellationToken cancellationToken)
    {
        using var span = ReviewTracing.StartModeration(batch);
        ModerationDecisionResponse? response = null;
        string? malformed;
        try
        {
            response = await client.ModerateAsync([.. batch.Select(r => new ModerationItem(r.Id.ToString("N"), r.Text))], cancellationToken);
            malformed = AnswerProblem(response);
        }
        catch (ModerationUnavailableException ex)
        {
            LogUnavailable(logger, batch.Count, ex.Message);
            await applier.BackOffAsync(batch, ex.Message, cancellationToken);
            return BatchAttempt.Stop;
        }
        catch (ModerationServiceException) when (batch.Count > 1)
        {
            // One bad text refuses the whole call: halve until the refused one stands alone.
            return BatchAttempt.Split;
        }
        catch (ModerationServiceException ex)
        {
            var review = batch[0];
            LogRefused(logger, review.Id, (int)ex.Status, ex.ProblemType ?? "", ex.Message);
            if (await applier.HoldRefusedAsync(review.Id, ex.Message, cancellationToken) is { } held)
            {
                metrics.Moderated(ReviewActions.Hold, held.CreatedAt);
            }

            return BatchAttempt.Done;
        }
        catch (JsonException ex)
        {
            malformed = "unreadable answer: " + ex.Message;
        }

        if (malformed is not null)
        {
            // Perhaps one text breaks the answer: halve until it stands alone, so the others are moderated meanwhile.
            if (batch.Count > 1)
            {
                return BatchAttempt.Split;
            }

            await RecordMalformedAsync(applier, batch, malformed, cancellationToken);
            return BatchAttempt.Done;
        }

        var verdicts = response!.Results.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var unanswered = new List<ClaimedReview>();
        foreach (var review in batch)
        {
            if (!verdicts.TryGetValue(review.Id.ToString("N"), out var verdict))
            {
                unanswered.Add(review);
                continue;
            }

            if (verdict.Error is { } error)
            {
                // The service scored the others but not this text (over its limit): a person reads it.
                LogRefused(logger, review.Id, 200, error.Type, error.Detail);
                if (await applier.HoldRefusedAsync(review.Id, error.Detail, cancellationToken) is { } refused)
                {
                    metrics.Moderated(ReviewActions.Hold, refused.CreatedAt);
                }

                continue;
            }

            if (VerdictShape.Problem(verdict) is { } problem)
            {
                await RecordMalformedAsync(applier, [review], problem, cancellationToken);
                continue;
            }

            var row = ModerationVerdictRow.From(verdict);
            if (await applier.ApplyAsync(review.Id, row, cancellationToken) is { } applied)
            {
                metrics.Moderated(row.Action.ToName(), applied.CreatedAt);
            }
        }

        if (unanswered.Count > 0)
        {
            await RecordMalformedAsync(applier, unanswered, "the answer had no verdict for this review", cancellationToken);
        }

        return BatchAttempt.Done;
    }

    /// <summary>No usable verdict: counted per review, which backs off and is held for a person at the bound.</summary>
    private async Task RecordMalformedAsync(
        ReviewVerdictApplier applier, IReadOnlyList<ClaimedReview> reviews, string problem, CancellationToken cancellationToken)
    {
        LogMalformed(logger, reviews.Count, problem);
        foreach (var held in await applier.RecordMalformedAsync(reviews, problem, cancellationToken))
        {
            LogHeldMalformed(logger, held.Id, options.Value.MaxMalformedVerdicts);
            metrics.Moderated(ReviewActions.Hold, held.CreatedAt);
        }
    }

    /// <summary>Why the answer as a whole cannot be applied (each verdict is checked on its own later), or null.</summary>
    private static string? AnswerProblem(ModerationDecisionResponse response)
    {
        if (response.Results is null || string.IsNullOrEmpty(response.ModelVersion))
        {
            return "no results or no model version";
        }

        return response.Results.Any(v => v is null || string.IsNullOrEmpty(v.Id))
               || response.Results.Select(v => v.Id).Distinct(StringComparer.Ordinal).Count() != response.Results.Count
            ? "a verdict without an id, or two verdicts for one id"
            : null;
    }

    private async Task RefreshBacklogAsync(CancellationToken cancellationToken)
    {
        var (count, oldest) = await claims.BacklogAsync(cancellationToken);
        metrics.Backlog(count, oldest);
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moderation unavailable for {Count} reviews ({Error}); they stay PENDING and back off")]
    private static partial void LogUnavailable(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inference refused review {ReviewId} ({Status} {ProblemType}: {Error}); held for a person")]
    private static partial void LogRefused(ILogger logger, Guid reviewId, int status, string problemType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inference sent no usable verdict for {Count} reviews ({Problem}); they back off")]
    private static partial void LogMalformed(ILogger logger, int count, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review {ReviewId} held for a person after {Max} answers without a usable verdict")]
    private static partial void LogHeldMalformed(ILogger logger, Guid reviewId, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "Review moderation pass failed; claimed reviews are retried after their lease")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
