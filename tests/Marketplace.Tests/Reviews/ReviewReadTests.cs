using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// The moderation console's reads: the HELD queue split into appeals waiting for a decision and the rest.
/// </summary>
public sealed class ReviewReadTests(ModeratedMarketplace market) : IClassFixture<ModeratedMarketplace>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReviewsApiFactory Api => market.Api;

    [Fact]
    public async Task Appealed_true_lists_appeals_awaiting_a_decision_and_false_the_rest_of_the_held_queue()
    {
        var admin = await Api.AdminAsync();
        var held = await ModeratedAsync(market.Bundle.HoldText);
        var awaiting = await ModeratedAsync(market.Bundle.RejectText);
        var decided = await ModeratedAsync(market.Bundle.RejectText);
        foreach (var (order, id) in new[] { awaiting, decided })
        {
            using var appeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);
            Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        }

        using (var publish = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{decided.Id}/decision", new { decision = "publish" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        // Re-moderation pulls the published appeal back to HELD: still marked appealed, but the appeal was decided.
        await Api.ExecuteAsync("UPDATE reviews SET status = 'HELD' WHERE id = @id", new NpgsqlParameter("id", decided.Id));
        await Api.ExecuteAsync("""
            INSERT INTO review_verdicts (review_id, action, source, note, actor, created_at)
            VALUES (@id, 'reject', 'remoderation', 'pulled back to HELD', 'system:remoderation', now())
            """, new NpgsqlParameter("id", decided.Id));

        var appeals = await QueueAsync(admin.Client, "appealed=true");
        var others = await QueueAsync(admin.Client, "status=held&appealed=false");
        var all = await QueueAsync(admin.Client, "");

        var mine = new[] { held.Id, awaiting.Id, decided.Id };
        Assert.Equal([awaiting.Id], appeals.Items.Select(r => r.Id).Intersect(mine));
        Assert.All(appeals.Items, r => Assert.True(r.Appealed && r.Status == ReviewStatuses.Held));
        Assert.Equal("appeal", appeals.Items.Single(r => r.Id == awaiting.Id).LatestVerdict!.Source);
        Assert.Equal([held.Id, decided.Id], others.Items.Select(r => r.Id).Intersect(mine));
        Assert.Equal(all.Total, appeals.Total + others.Total);
        await ProblemAssert.IsValidationAsync(await admin.Client.GetAsync("/api/admin/reviews?appealed=yes", Ct), "appealed");
        await ProblemAssert.IsValidationAsync(await admin.Client.GetAsync("/api/admin/reviews?status=REJECTED&appealed=true", Ct), "appealed");
    }

    private async Task<(ReviewableOrder Order, Guid Id)> ModeratedAsync(string text)
    {
        var order = await Api.OrderAsync();
        var id = await order.SubmitAsync(text);
        await order.Buyer.Client.ModeratedAsync(id);
        return (order, id);
    }

    private static async Task<ReviewPage> QueueAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync("/api/admin/reviews?pageSize=100&" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewPage>(Ct))!;
    }
}
