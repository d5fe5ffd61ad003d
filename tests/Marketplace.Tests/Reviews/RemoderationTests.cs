using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using Moderation.Inference.Tests;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// Re-scoring stored reviews after the real service hot-swaps to a bundle (another version) whose thresholds
/// reject every text. Its own service: the swap would change the verdicts other test classes expect.
/// </summary>
public sealed class RemoderationTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KnownActionBundle _bundle = null!;
    private InferenceServer _inference = null!;
    private ReviewsApiFactory _api = null!;

    public async ValueTask InitializeAsync()
    {
        _bundle = await KnownActionBundle.GetAsync();
        _inference = await InferenceServer.StartAsync(_bundle.Directory);
        _api = new ReviewsApiFactory(_inference.Address);
        await _api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _inference.DisposeAsync();
    }

    [Fact]
    public async Task A_rejecting_bundle_pulls_published_reviews_back_to_held_a_dry_run_changes_nothing()
    {
        var first = await _api.OrderAsync();
        var orders = new List<ReviewableOrder> { first, await _api.AnotherOrderAsync(first), await _api.AnotherOrderAsync(first), await _api.AnotherOrderAsync(first) };
        string[] texts = [_bundle.AllowText, _bundle.AllowText, _bundle.AllowText, _bundle.HoldText];
        var ids = new List<Guid>();
        foreach (var (order, text) in orders.Zip(texts))
        {
            var id = await order.SubmitAsync(text, rating: 4);
            await order.Buyer.Client.ModeratedAsync(id);
            ids.Add(id);
        }

        var anonymous = _api.CreateClient();
        Assert.Equal(3, (await anonymous.ListingReviewsAsync(first.ListingId)).Total);
        Assert.Equal(3, (await anonymous.RatingAsync(first.Seller.Id)).ReviewCount);
        var admin = await _api.AdminAsync();
        var newVersion = await SwapAsync(KnownActionBundle.RejectEverything());

        var dry = await RemoderateAsync(admin.Client, new { statuses = new[] { "PUBLISHED", "HELD" }, limit = 100, dryRun = true });

        Assert.True(dry.DryRun);
        Assert.Equal(4, dry.Scored);
        Assert.Equal([new ActionChange("allow", "reject", 3), new ActionChange("hold", "reject", 1)], dry.Changes);
        Assert.Equal([new ModelVersionChange(_bundle.Version, newVersion, 4)], dry.ModelVersions);
        Assert.Equal(3, dry.PulledBack);
        Assert.Equal([new HeldReviewVerdict(ids[3], "reject")], dry.Held);
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE source = 'remoderation'"));
        Assert.Equal(3, await _api.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'PUBLISHED'"));
        Assert.Equal(3, (await anonymous.RatingAsync(first.Seller.Id)).ReviewCount);

        var real = await RemoderateAsync(admin.Client, new { statuses = new[] { "PUBLISHED", "HELD" }, limit = 100 });

        Assert.False(real.DryRun);
        Assert.Equal(4, real.Scored);
        Assert.Equal(3, real.PulledBack);
        Assert.Equal(dry.Changes, real.Changes);
        Assert.Equal(dry.ModelVersions, real.ModelVersions);
        Assert.Equal(dry.Held, real.Held);
        Assert.Equal(4, await _api.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE source = 'remoderation' AND action = 'reject'"));
        Assert.Equal(4, await _api.ScalarAsync("SELECT count(*) FROM reviews WHERE status = 'HELD'"));
        var rating = await anonymous.RatingAsync(first.Seller.Id);
        Assert.Equal(0, rating.ReviewCount);
        Assert.Equal(0, (await anonymous.ListingReviewsAsync(first.ListingId)).Total);
        using var hidden = await anonymous.GetAsync($"/api/reviews/{ids[0]}", Ct);
        await ProblemAssert.IsProblemAsync(hidden, HttpStatusCode.NotFound, "not-found");
        var pulled = await orders[0].Buyer.Client.ReviewAsync(ids[0]);
        Assert.Equal(newVersion, pulled.ModelVersion);

        // Nothing is published now: a second run scores the HELD ones and changes no status.
        var again = await RemoderateAsync(admin.Client, new { });
        Assert.Equal(4, again.Scored);
        Assert.Equal(4, again.Unchanged);
        Assert.Equal(0, again.PulledBack);
    }

    [Fact]
    public async Task Remoderate_is_for_admins_and_validates_its_body()
    {
        var buyer = await _api.NewBuyerAsync();
        var admin = await _api.AdminAsync();

        using var forbidden = await buyer.Client.PostAsJsonAsync("/api/admin/reviews/remoderate", new { }, Ct);
        using var invalid = await admin.Client.PostAsJsonAsync("/api/admin/reviews/remoderate", new { statuses = new[] { "PENDING" }, limit = 0 }, Ct);

        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsValidationAsync(invalid, "statuses", "limit");
    }

    [Fact]
    public async Task The_cli_verb_prints_its_report_and_refuses_bad_options_with_one_line()
    {
        var order = await _api.OrderAsync();
        var id = await order.SubmitAsync(_bundle.AllowText);
        await order.Buyer.Client.ModeratedAsync(id);

        var (code, stdout, stderr) = await RunCliAsync("remoderate", "--status", "PUBLISHED", "--limit", "10", "--dry-run");
        var (badCode, _, badError) = await RunCliAsync("remoderate", "--status", "LOST");

        Assert.True(code == 0, stderr);
        Assert.Contains("dry run", stdout, StringComparison.Ordinal);
        Assert.Contains(_bundle.Version, stdout, StringComparison.Ordinal);
        Assert.Equal(2, badCode);
        Assert.Single(badError.Trim().Split('\n'));
        Assert.StartsWith("remoderate:", badError, StringComparison.Ordinal);
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE source = 'remoderation'"));
    }

    private async Task<string> SwapAsync(string bundle)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/admin/bundle") { Content = JsonContent.Create(new { path = bundle }) };
        request.Headers.Add("X-Admin-Key", InferenceServer.AdminKey);
        using var response = await _inference.Client.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return TestBundles.Version(bundle);
    }

    private static async Task<RemoderationReport> RemoderateAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/reviews/remoderate", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<RemoderationReport>(Ct))!;
    }

    /// <summary>The marketplace's own entry point as a process (`dotnet Marketplace.Api.dll ...`) on this test's database.</summary>
    private async Task<(int Code, string Stdout, string Stderr)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Marketplace.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Postgres"] = TestServices.PostgresFor(_api.DatabaseName);
        start.Environment["ConnectionStrings__Redis"] = TestServices.Redis;
        start.Environment["Moderation__BaseUrl"] = _inference.Address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
