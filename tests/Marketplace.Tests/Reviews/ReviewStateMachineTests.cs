using Marketplace.Api.Features.Reviews;

namespace Marketplace.Tests.Reviews;

public sealed class ReviewStateMachineTests
{
    private static readonly (string From, string To, string Source)[] LegalMoves =
    [
        (ReviewStatuses.Pending, ReviewStatuses.Published, VerdictSources.Auto),
        (ReviewStatuses.Pending, ReviewStatuses.Held, VerdictSources.Auto),
        (ReviewStatuses.Pending, ReviewStatuses.Rejected, VerdictSources.Auto),
        (ReviewStatuses.Held, ReviewStatuses.Published, VerdictSources.Admin),
        (ReviewStatuses.Held, ReviewStatuses.Rejected, VerdictSources.Admin),
        (ReviewStatuses.Published, ReviewStatuses.Held, VerdictSources.Remoderation),
        (ReviewStatuses.Rejected, ReviewStatuses.Held, VerdictSources.Appeal),
    ];

    public static TheoryData<string, string, string> Legal => new(LegalMoves);

    [Theory]
    [MemberData(nameof(Legal))]
    public void The_documented_moves_are_legal(string from, string to, string source) =>
        Assert.True(ReviewStateMachine.CanTransition(from, to, source));

    [Fact]
    public void Every_other_move_is_illegal_nothing_returns_to_pending_and_no_status_moves_to_itself()
    {
        var legal = LegalMoves.ToHashSet();
        foreach (var from in ReviewStatuses.All)
        {
            foreach (var to in ReviewStatuses.All)
            {
                foreach (var source in VerdictSources.All)
                {
                    Assert.Equal(legal.Contains((from, to, source)), ReviewStateMachine.CanTransition(from, to, source));
                }
            }

            Assert.DoesNotContain(ReviewStatuses.Pending, ReviewStateMachine.NextStatuses(from));
            Assert.DoesNotContain(from, ReviewStateMachine.NextStatuses(from));
        }
    }

    [Fact]
    public void Only_an_admin_moves_a_held_review_on_and_an_unknown_status_moves_nowhere()
    {
        Assert.Equal([ReviewStatuses.Published, ReviewStatuses.Rejected], ReviewStateMachine.NextStatuses(ReviewStatuses.Held).Order(StringComparer.Ordinal));
        Assert.False(ReviewStateMachine.CanTransition(ReviewStatuses.Held, ReviewStatuses.Published, VerdictSources.Auto));
        Assert.False(ReviewStateMachine.CanTransition(ReviewStatuses.Held, ReviewStatuses.Published, VerdictSources.Remoderation));
        Assert.Empty(ReviewStateMachine.NextStatuses("ARCHIVED"));
        Assert.False(ReviewStateMachine.CanTransition("ARCHIVED", ReviewStatuses.Held, VerdictSources.Admin));
    }
}
