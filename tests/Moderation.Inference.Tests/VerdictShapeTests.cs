using System.Net;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Inference.Tests;

public class VerdictShapeTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_request_gets_one_verdict_per_item_in_order_with_the_documented_fields()
    {
        var http = fixture.Server.Client;
        var body = """{"items":[{"id":"a","text":"Great seller, fast delivery"},{"id":"b","text":"Продавец ответил быстро"}]}""";
        using var response = await http.PostAsync("v1/moderate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal(TestBundles.Version(fixture.Bundle), root.GetProperty("modelVersion").GetString());
        var results = root.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("a", results[0].GetProperty("id").GetString());
        Assert.Equal("b", results[1].GetProperty("id").GetString());
        foreach (var verdict in results.EnumerateArray())
        {
            Assert.Contains(verdict.GetProperty("family").GetProperty("label").GetString(), Families.All);
            var score = verdict.GetProperty("family").GetProperty("score").GetSingle();
            Assert.InRange(score, 1f / Families.All.Count, 1f);
            var categories = verdict.GetProperty("categories");
            Assert.Equal(["abuse", "sexual", "scam", "spam", "personal_info"], categories.EnumerateObject().Select(p => p.Name));
            Assert.All(categories.EnumerateObject(), p => Assert.InRange(p.Value.GetSingle(), 0f, 1f));
            Assert.Contains(verdict.GetProperty("action").GetString(), new[] { "allow", "hold", "reject" });
            Assert.Equal(JsonValueKind.False, verdict.GetProperty("truncated").ValueKind);
            var maxScore = categories.EnumerateObject().Max(p => p.Value.GetSingle());
            Assert.Equal(maxScore >= 0.5f, verdict.GetProperty("inappropriate").GetBoolean());
        }
    }

    [Fact]
    public async Task A_text_longer_than_the_model_reads_is_scored_whole_and_not_truncated()
    {
        var response = await Moderate.PostAsync(fixture.Server.Client, string.Join(' ', Enumerable.Repeat("Great seller, fast delivery", 40)), "short one");
        Assert.False(response.Results[0].Truncated);
        Assert.False(response.Results[1].Truncated);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("\t\n ")]
    public async Task Whitespace_only_text_gets_a_verdict(string text)
    {
        var response = await Moderate.PostAsync(fixture.Server.Client, text);
        var verdict = Assert.Single(response.Results);
        Assert.Contains(verdict.Family!.Label, Families.All);
    }

    [Fact]
    public async Task Model_endpoint_describes_the_serving_bundle()
    {
        var info = await new ModerationClient(fixture.Server.Client).GetModelAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TestBundles.Version(fixture.Bundle), info.ModelVersion);
        Assert.Equal(Families.All, info.Families);
        Assert.Equal(Categories.All, info.Categories);
        Assert.Equal(TestBundles.MaxTokens, info.MaxTokens);
        Assert.Equal("CPU", info.ExecutionProvider);
        Assert.Equal(0.5, info.Thresholds["abuse"].Reject);
    }

    [Fact]
    public async Task Health_ready_and_metrics_answer()
    {
        var http = fixture.Server.Client;
        var ct = TestContext.Current.CancellationToken;
        await Moderate.PostAsync(http, "warm the counters");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("readyz", ct)).StatusCode);
        var metrics = await http.GetStringAsync("metrics", ct);
        Assert.Contains("moderation_requests_total", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_batch_size", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains($"version=\"{TestBundles.Version(fixture.Bundle)}\"", metrics, StringComparison.Ordinal);
    }
}
