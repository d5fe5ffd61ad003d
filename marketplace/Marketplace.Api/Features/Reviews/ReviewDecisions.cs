using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The people's moves: an admin's decision on a HELD review, and the author's one appeal of a rejection. Each is a
/// <see cref="ReviewTransitions"/> move naming the status it expects, so a decision racing another decides once.
/// </summary>
public sealed class ReviewDecisions(MarketplaceDbContext db, ReviewTransitions transitions)
{
    public async Task<ReviewDecisionOutcome> DecideAsync(Guid reviewId, Guid adminId, bool publish, string? note, CancellationToken cancellationToken)
    {
        var to = publish ? ReviewStatuses.Published : ReviewStatuses.Rejected;
        var move = new ReviewTransition(reviewId, ReviewStatuses.Held, to, VerdictSources.Admin, ReviewActors.Admin(adminId)) { Note = note };
        if (await transitions.TryTransitionAsync(move, cancellationToken) is not null)
        {
            return ReviewDecisionOutcome.Done;
        }

        return await db.Reviews.AsNoTracking().AnyAsync(r => r.Id == reviewId, cancellationToken)
            ? ReviewDecisionOutcome.WrongState
            : ReviewDecisionOutcome.NotFound;
    }

    /// <summary>REJECTED → HELD for a person to look again; once per review, by its author only.</summary>
    public async Task<ReviewDecisionOutcome> AppealAsync(Guid reviewId, Guid authorId, CancellationToken cancellationToken)
    {
        var move = new ReviewTransition(reviewId, ReviewStatuses.Rejected, ReviewStatuses.Held, VerdictSources.Appeal, ReviewActors.Author(authorId))
        {
            AuthorId = authorId,
            Note = "appealed by the author",
        };
        return await transitions.TryTransitionAsync(move, cancellationToken) is null ? ReviewDecisionOutcome.WrongState : ReviewDecisionOutcome.Done;
    }
}
