using System.Collections.Frozen;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The one definition of legal review moves, and who makes each (a <see cref="VerdictSources"/> name):
/// PENDING → PUBLISHED, HELD or REJECTED by the worker's verdict (<c>auto</c>; a refused text or repeated malformed
/// answers also hold); HELD → PUBLISHED or REJECTED by an <c>admin</c>; PUBLISHED → HELD by <c>remoderation</c> (the
/// new model rejects it); REJECTED → HELD by the author's <c>appeal</c> (once). Nothing returns to PENDING and no
/// status moves to itself, so a status-guarded update can win only once.
/// </summary>
public static class ReviewStateMachine
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Next =
        new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal)
        {
            [ReviewStatuses.Pending] = Moves(
                (ReviewStatuses.Published, VerdictSources.Auto),
                (ReviewStatuses.Held, VerdictSources.Auto),
                (ReviewStatuses.Rejected, VerdictSources.Auto)),
            [ReviewStatuses.Held] = Moves(
                (ReviewStatuses.Published, VerdictSources.Admin),
                (ReviewStatuses.Rejected, VerdictSources.Admin)),
            [ReviewStatuses.Published] = Moves((ReviewStatuses.Held, VerdictSources.Remoderation)),
            [ReviewStatuses.Rejected] = Moves((ReviewStatuses.Held, VerdictSources.Appeal)),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="source"/> may move a review from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanTransition(string from, string to, string source) =>
        Next.TryGetValue(from, out var moves) && moves.TryGetValue(to, out var by) && by == source;

    /// <summary>The statuses a review in <paramref name="from"/> can move to (by anyone); empty for an unknown status.</summary>
    public static IReadOnlyCollection<string> NextStatuses(string from) =>
        Next.TryGetValue(from, out var moves) ? moves.Keys : [];

    private static FrozenDictionary<string, string> Moves(params (string To, string Source)[] moves) =>
        moves.ToFrozenDictionary(m => m.To, m => m.Source, StringComparer.Ordinal);
}
