using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Re-scores stored reviews with the bundle the inference service serves now. Every new verdict is an audit
/// row (source <c>remoderation</c>); a PUBLISHED review the new model rejects goes back to HELD in the same
/// transaction that takes its rating out of the seller's aggregate. Nothing else changes status: HELD reviews
/// belong to a person, and a new hold or allow leaves a published review published. A dry run writes nothing.
/// </summary>
public sealed class ReviewRemoderation(
    MarketplaceDbContext db,
    ModerationClient client,
    ReviewTransitions transitions,
    IOptions<ReviewsOptions> options,
    TimeProvider time)
{
    private const string None = "none";

    private sealed record Candidate(Guid Id, string Text, string Status);

    /// <summary>Scores up to <paramref name="limit"/> reviews in <paramref name="statuses"/>, oldest first.</summary>
    /// <param name="progress">Told the number of reviews scored after each batch.</param>
    /// <exception cref="ModerationUnavailableException">The service could not be reached; what was applied before stays applied.</exception>
    public async Task<RemoderationReport> RunAsync(
        IReadOnlyList<string> statuses, int limit, bool dryRun, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var candidates = await db.Reviews.AsNoTracking()
            .Where(r => statuses.Contains(r.Status))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(limit)
            .Select(r => new Candidate(r.Id, r.Text, r.Status))
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var previous = (await db.ReviewVerdicts.AsNoTracking()
                .Where(v => ids.Contains(v.ReviewId) && v.ModelVersion != null && (v.Source == VerdictSources.Auto || v.Source == VerdictSources.Remoderation))
                .Select(v => new { v.ReviewId, v.Id, v.Action, v.ModelVersion })
                .ToListAsync(cancellationToken))
            .GroupBy(v => v.ReviewId)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Id)!);

        var changes = new Dictionary<(string, string), int>();
        var versions = new Dictionary<(string, string), int>();
        var held = new List<HeldReviewVerdict>();
        int scored = 0, refused = 0, unchanged = 0, pulledBack = 0;
        progress?.Invoke(0, candidates.Count);
        foreach (var batch in candidates.Chunk(options.Value.BatchSize))
        {
            // A text the service refuses is split out (and counted) so it does not sink its batch.
            await BatchBisection.RunAsync<Candidate>(batch, async part =>
            {
                ModerationDecisionResponse response;
                try
                {
                    response = await client.ModerateAsync([.. part.Select(c => new ModerationItem(c.Id.ToString("N"), c.Text))], cancellationToken);
                }
                catch (ModerationServiceException) when (part.Count > 1)
                {
                    return BatchAttempt.Split;
                }
                catch (ModerationServiceException)
                {
                    refused++;
                    return BatchAttempt.Done;
                }

                await ScoreAsync(part, response);
                return BatchAttempt.Done;
            });
            progress?.Invoke(scored + refused, candidates.Count);
        }

        return new RemoderationReport(
            dryRun, statuses, scored, refused, unchanged,
            [.. changes.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal).Select(c => new ActionChange(c.Key.Item1, c.Key.Item2, c.Value))],
            [.. versions.OrderBy(v => v.Key.Item1, StringComparer.Ordinal).Select(v => new ModelVersionChange(v.Key.Item1, v.Key.Item2, v.Value))],
            pulledBack, held);

        async Task ScoreAsync(IReadOnlyList<Candidate> part, ModerationDecisionResponse response)
        {
            var byId = part.ToDictionary(c => c.Id.ToString("N"), StringComparer.Ordinal);
            foreach (var verdict in response.Results)
            {
                var candidate = byId[verdict.Id];
                if (verdict.Error is not null)
                {
                    refused++;
                    continue;
                }

                var row = ModerationVerdictRow.From(verdict);
                var was = previous.TryGetValue(candidate.Id, out var before) ? before : null;
                var from = was?.Action ?? None;
                var to = row.Action.ToName();
                scored++;
                if (from == to)
                {
                    unchanged++;
                }
                else
                {
                    changes[(from, to)] = changes.GetValueOrDefault((from, to)) + 1;
                }

                var versionKey = (was?.ModelVersion ?? None, response.ModelVersion);
                versions[versionKey] = versions.GetValueOrDefault(versionKey) + 1;
                if (candidate.Status == ReviewStatuses.Held && row.Action != ModerationAction.Hold)
                {
                    held.Add(new HeldReviewVerdict(candidate.Id, to));
                }

                if (candidate.Status == ReviewStatuses.Published && row.Action == ModerationAction.Reject)
                {
                    pulledBack++;
                }

                if (!dryRun)
                {
                    await ApplyAsync(candidate, row, from, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The new verdict's audit row; a PUBLISHED review the new model rejects is pulled back to HELD by the same row
    /// (<see cref="ReviewTransitions"/>: its rating leaves the seller's aggregate). One that is no longer published
    /// keeps its status and gets the plain row.
    /// </summary>
    private async Task ApplyAsync(Candidate candidate, ModerationVerdictRow row, string previousAction, CancellationToken cancellationToken)
    {
        var note = $"previous action: {previousAction}";
        if (candidate.Status == ReviewStatuses.Published && row.Action == ModerationAction.Reject)
        {
            var pullBack = new ReviewTransition(candidate.Id, ReviewStatuses.Published, ReviewStatuses.Held, VerdictSources.Remoderation, ReviewActors.Remoderation)
            {
                Model = row,
                Note = note + "; pulled back to HELD",
            };
            if (await transitions.TryTransitionAsync(pullBack, cancellationToken) is not null)
            {
                return;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReviewAudit.InsertAsync(db, candidate.Id, row.Action.ToName(), VerdictSources.Remoderation, ReviewActors.Remoderation, time.GetUtcNow(),
            cancellationToken, row, note);
        await transaction.CommitAsync(cancellationToken);
    }
}
