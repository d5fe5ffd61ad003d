using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>The one home of review status changes: legal moves only, each won once, with its side effects.</summary>
public sealed class ReviewTransitionsTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReviewsApiFactory Api => market.Api;

    [Fact]
    public async Task A_move_the_state_machine_does_not_allow_is_refused_and_changes_nothing()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.HoldText);
        Assert.Equal(ReviewStatuses.Held, (await order.Buyer.Client.ModeratedAsync(id)).Status);
        var admin = await Api.AdminAsync();

        await using var scope = Api.Services.CreateAsyncScope();
        var transitions = scope.ServiceProvider.GetRequiredService<ReviewTransitions>();
        // The worker may not decide what waits for a person, and nothing goes back to PENDING.
        await Assert.ThrowsAsync<InvalidOperationException>(() => transitions.TryTransitionAsync(
            new ReviewTransition(id, ReviewStatuses.Held, ReviewStatuses.Published, VerdictSources.Auto, ReviewActors.Moderation), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => transitions.TryTransitionAsync(
            new ReviewTransition(id, ReviewStatuses.Held, ReviewStatuses.Pending, VerdictSources.Admin, ReviewActors.Admin(admin.Id)), Ct));

        Assert.Equal(ReviewStatuses.Held, (await order.Buyer.Client.ReviewAsync(id)).Status);
        Assert.Equal(1, await Api.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE review_id = @id", new NpgsqlParameter("id", id)));
    }

    [Fact]
    public async Task Racing_decisions_on_one_held_review_decide_it_once_with_one_audit_row_and_the_rating_counted_once()
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(market.Bundle.HoldText, rating: 4);
        Assert.Equal(ReviewStatuses.Held, (await order.Buyer.Client.ModeratedAsync(id)).Status);
        var admin = await Api.AdminAsync();

        async Task<TransitionedReview?> DecideAsync(string to)
        {
            await using var scope = Api.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReviewTransitions>().TryTransitionAsync(
                new ReviewTransition(id, ReviewStatuses.Held, to, VerdictSources.Admin, ReviewActors.Admin(admin.Id)), Ct);
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => DecideAsync(i % 2 == 0 ? ReviewStatuses.Published : ReviewStatuses.Rejected)));

        var won = Assert.Single(outcomes, o => o is not null)!;
        Assert.Equal(order.ListingId, won.ListingId);
        Assert.Equal(won.To, (await order.Buyer.Client.ReviewAsync(id)).Status);
        Assert.Equal(1, await Api.VerdictCountAsync(id, VerdictSources.Admin));
        var rating = await Api.CreateClient().RatingAsync(order.Seller.Id);
        Assert.Equal(won.To == ReviewStatuses.Published ? 1 : 0, rating.ReviewCount);
        Assert.Equal(won.To == ReviewStatuses.Published ? 1 : 0, (await Api.CreateClient().ListingReviewsAsync(order.ListingId)).Total);
    }
}
