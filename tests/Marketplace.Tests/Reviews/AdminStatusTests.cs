using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Moderation.Inference.Tests;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// <c>GET /api/admin/status</c>: the backlog counted from PostgreSQL (appeals awaiting a decision among the held), and
/// the inference service as its health check and its model description say, within about two seconds whatever it does.
/// </summary>
public sealed class AdminStatusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_pending_held_and_awaiting_appeals_and_says_inference_is_not_configured()
    {
        await using var api = new ReviewsApiFactory(inference: null);
        await api.InitializeAsync();
        var admin = await api.AdminAsync();
        var empty = await StatusAsync(admin.Client);

        // Without inference every review stays PENDING; the test then places them where it needs them.
        var pending = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await (await api.OrderAsync()).SubmitAsync("Fast delivery, the code worked.")));
        var held = await SubmittedAsync(api);
        var awaiting = await SubmittedAsync(api);
        var decided = await SubmittedAsync(api);
        await api.ExecuteAsync("UPDATE reviews SET created_at = now() - interval '1 hour' WHERE id = @id", new NpgsqlParameter("id", pending[0]));
        await api.ExecuteAsync("UPDATE reviews SET status = 'HELD' WHERE id = @id", new NpgsqlParameter("id", held.Id));
        foreach (var (order, id) in new[] { awaiting, decided })
        {
            await api.ExecuteAsync("UPDATE reviews SET status = 'REJECTED' WHERE id = @id", new NpgsqlParameter("id", id));
            using var appeal = await order.Buyer.Client.PostAsync($"/api/reviews/{id}/appeal", null, Ct);
            Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        }

        using (var publish = await admin.Client.PostAsJsonAsync($"/api/admin/reviews/{decided.Id}/decision", new { decision = "publish" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        // Published on appeal, then pulled back to HELD by re-moderation: held, but no appeal waits on it.
        await api.ExecuteAsync("UPDATE reviews SET status = 'HELD' WHERE id = @id", new NpgsqlParameter("id", decided.Id));

        var status = await StatusAsync(admin.Client);

        Assert.Equal((0L, (double?)null, 0L, 0L), (empty.PendingReviews, empty.OldestPendingSeconds, empty.HeldReviews, empty.AppealedReviews));
        Assert.Equal((3L, 3L, 1L), (status.PendingReviews, status.HeldReviews, status.AppealedReviews));
        Assert.InRange(status.OldestPendingSeconds!.Value, 3590, 3700);
        Assert.Equal(("Degraded", "not configured", (string?)null), (status.Inference.Status, status.Inference.Description, status.Inference.ModelVersion));
    }

    [Fact]
    public async Task A_serving_inference_is_healthy_with_the_model_version_it_serves()
    {
        var bundle = await KnownActionBundle.GetAsync();
        await using var inference = await InferenceServer.StartAsync(bundle.Directory);
        await using var api = new ReviewsApiFactory(inference.Address);
        await api.InitializeAsync();
        var admin = await api.AdminAsync();

        using var response = await admin.Client.GetAsync("/api/admin/status", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(["appealedReviews", "heldReviews", "inference", "oldestPendingSeconds", "pendingReviews"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var served = body.GetProperty("inference");
        Assert.Equal("Healthy", served.GetProperty("status").GetString());
        Assert.Equal(bundle.Version, served.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task A_hanging_inference_costs_the_page_about_two_seconds_and_reads_degraded()
    {
        await using var hanging = await HangingInference.StartAsync();
        await using var api = new ReviewsApiFactory(hanging.Address);
        await api.InitializeAsync();
        var admin = await api.AdminAsync();

        var clock = Stopwatch.StartNew();
        var status = await StatusAsync(admin.Client);
        clock.Stop();

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4.5));
        Assert.Equal("Degraded", status.Inference.Status);
        Assert.Null(status.Inference.ModelVersion);
    }

    [Fact]
    public async Task Only_admins_see_it()
    {
        await using var api = new ReviewsApiFactory(inference: null);
        await api.InitializeAsync();
        var buyer = await api.NewBuyerAsync();

        await ProblemAssert.IsProblemAsync(await api.CreateClient().GetAsync("/api/admin/status", Ct), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(await buyer.Client.GetAsync("/api/admin/status", Ct), HttpStatusCode.Forbidden, "forbidden");
    }

    private static async Task<(ReviewableOrder Order, Guid Id)> SubmittedAsync(ReviewsApiFactory api)
    {
        var order = await api.OrderAsync();
        return (order, await order.SubmitAsync("Arrived late but it worked."));
    }

    private static async Task<AdminStatusResponse> StatusAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/admin/status", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<AdminStatusResponse>(body, JsonSerializerOptions.Web)!;
    }
}
