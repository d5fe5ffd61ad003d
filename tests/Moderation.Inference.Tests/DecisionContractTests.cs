using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Taxonomy;

namespace Moderation.Inference.Tests;

/// <summary>
/// <c>POST /v2/moderate</c> carries the decision the service's rules made (flagged and rejecting categories, the
/// thresholds applied, the model version), and <c>POST /v1/moderate</c> keeps its shape for old clients.
/// </summary>
public class DecisionContractTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V2_names_the_categories_and_thresholds_the_rules_applied_to_each_text()
    {
        var labels = BundleLabels.FromJson(File.ReadAllText(Path.Combine(fixture.Bundle, BundleFiles.Labels)));
        var answer = await PostV2Async(fixture.Server.Client, TestBundles.Corpus);

        Assert.Equal(TestBundles.Version(fixture.Bundle), answer.ModelVersion);
        foreach (var decision in answer.Results)
        {
            Assert.Equal(answer.ModelVersion, decision.ModelVersion);
            Assert.Equal(Categories.All, decision.Thresholds!.Keys);
            Assert.All(Categories.All, c => Assert.Equal(labels.Thresholds[c], decision.Thresholds[c]));
            var scores = Scores(decision.Categories!);
            Assert.Equal(Categories.All.Where(c => scores[c] >= (float)labels.Thresholds[c].Hold), decision.Flagged);
            Assert.Equal(Categories.All.Where(c => scores[c] >= (float)labels.Thresholds[c].Reject), decision.Rejecting);
            var expected = decision.Rejecting.Count > 0 ? ModerationAction.Reject
                : decision.Flagged.Count > 0 ? ModerationAction.Hold : ModerationAction.Allow;
            Assert.Equal(expected, decision.Action);
        }

        // The seed-1 graph's scores straddle the default thresholds: the rules above were exercised, not skipped.
        Assert.Contains(answer.Results, d => d.Flagged.Count > 0);
        Assert.Contains(answer.Results, d => d.Flagged.Count < Categories.All.Count);
    }

    [Fact]
    public async Task A_decision_keeps_the_thresholds_and_version_it_was_made_with_when_the_bundle_is_swapped_after_it()
    {
        // Bundle A rejects every text on every category; B rejects and holds nothing.
        var rejectAll = TestBundles.MeanPool(seed: 5, threshold: new CategoryThreshold(0, 0));
        var rejectNone = TestBundles.MeanPool(seed: 6, threshold: new CategoryThreshold(1, 1));
        await using var server = await InferenceServer.StartAsync(rejectAll);
        var decision = (await PostV2Async(server.Client, [TestBundles.Corpus[0]])).Results[0];
        using (var swap = await Admin.SwapAsync(server.Client, rejectNone))
        {
            swap.EnsureSuccessStatusCode();
        }

        // What a client re-deriving from GET /v1/model now sees: thresholds under which the decision rejects nothing
        // (the marketplace used to fall back to naming the top score here).
        var model = (await server.Client.GetFromJsonAsync<ModelInfo>("v1/model", Moderate.Json, Ct))!;
        Assert.Equal(TestBundles.Version(rejectNone), model.ModelVersion);
        var scores = Scores(decision.Categories!);
        Assert.DoesNotContain(Categories.All, c => scores[c] >= model.Thresholds[c].Reject);

        Assert.Equal(ModerationAction.Reject, decision.Action);
        Assert.Equal(TestBundles.Version(rejectAll), decision.ModelVersion);
        Assert.Equal(Categories.All, decision.Rejecting);
        Assert.Equal(Categories.All, decision.Flagged);
        Assert.All(decision.Thresholds!.Values, t => Assert.Equal(new CategoryThreshold(0, 0), t));
        var after = (await PostV2Async(server.Client, [TestBundles.Corpus[0]])).Results[0];
        Assert.Equal((ModerationAction.Allow, TestBundles.Version(rejectNone)), (after.Action, after.ModelVersion));
        Assert.Empty(after.Rejecting);
    }

    [Fact]
    public async Task V1_answers_in_its_original_shape_for_old_clients_with_the_same_verdicts_as_v2()
    {
        var texts = TestBundles.Corpus.Take(6).ToArray();
        var items = new ModerationRequest([.. texts.Select((t, i) => new ModerationItem("t" + i, t))]);
        using var v1 = await fixture.Server.Client.PostAsJsonAsync("v1/moderate", items, Moderate.Json, Ct);
        using var json = JsonDocument.Parse(await v1.Content.ReadAsStringAsync(Ct));
        var v2 = await PostV2Async(fixture.Server.Client, texts);

        Assert.Equal(["modelVersion", "results"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(v2.ModelVersion, json.RootElement.GetProperty("modelVersion").GetString());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(v2.Results.Count, results.Count);
        foreach (var (verdict, decision) in results.Zip(v2.Results))
        {
            Assert.Equal(["id", "family", "categories", "inappropriate", "action", "truncated", "error", "coversWholeText"],
                verdict.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["abuse", "sexual", "scam", "spam", "personal_info"], verdict.GetProperty("categories").EnumerateObject().Select(p => p.Name));
            Assert.Equal(["label", "score"], verdict.GetProperty("family").EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, verdict.GetProperty("error").ValueKind);
            var old = verdict.Deserialize<ModerationVerdict>(Moderate.Json)!;
            Assert.Equal(decision.Id, old.Id);
            Assert.Equal(decision.Rejecting.Count > 0, old.Inappropriate);
            Moderate.AssertSame(ModerationVerdict.From(decision), old, tolerance: 0);
        }
    }

    private static async Task<ModerationDecisionResponse> PostV2Async(HttpClient client, IReadOnlyList<string> texts)
    {
        var items = texts.Select((t, i) => new ModerationItem("t" + i, t)).ToList();
        using var response = await client.PostAsJsonAsync("v2/moderate", new ModerationRequest(items), Moderate.Json, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), item => Assert.Equal(
            ["id", "modelVersion", "family", "categories", "action", "flagged", "rejecting", "thresholds", "truncated", "error"],
            item.EnumerateObject().Select(p => p.Name)));
        return JsonSerializer.Deserialize<ModerationDecisionResponse>(body, Moderate.Json)!;
    }

    private static Dictionary<string, float> Scores(CategoryScores s) => new(StringComparer.Ordinal)
    {
        [Categories.Abuse] = s.Abuse,
        [Categories.Sexual] = s.Sexual,
        [Categories.Scam] = s.Scam,
        [Categories.Spam] = s.Spam,
        [Categories.PersonalInfo] = s.PersonalInfo,
    };
}
