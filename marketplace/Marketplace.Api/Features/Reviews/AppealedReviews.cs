using System.Linq.Expressions;
using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Reviews waiting for a decision on their author's appeal. An appeal moves a REJECTED review to HELD and marks it
/// <c>appealed</c> (once per review, for good); an admin's decision then moves it on. "HELD and appealed" alone is
/// not the queue: a review published on appeal can be pulled back to HELD by re-moderation, still marked. So the
/// review's last move by a person, an appeal or an admin decision in <c>review_verdicts</c>, must be the appeal
/// (re-moderation rows, which a HELD review may gain meanwhile, do not count).
/// </summary>
public static class AppealedReviews
{
    public static Expression<Func<Review, bool>> AwaitingDecision(MarketplaceDbContext db) =>
        r => r.Status == ReviewStatuses.Held && r.Appealed
            && db.ReviewVerdicts
                .Where(v => v.ReviewId == r.Id && (v.Source == VerdictSources.Appeal || v.Source == VerdictSources.Admin))
                .OrderByDescending(v => v.Id)
                .Select(v => v.Source)
                .FirstOrDefault() == VerdictSources.Appeal;

    public static Expression<Func<Review, bool>> NotAwaitingDecision(MarketplaceDbContext db)
    {
        var awaiting = AwaitingDecision(db);
        return Expression.Lambda<Func<Review, bool>>(Expression.Not(awaiting.Body), awaiting.Parameters);
    }
}
