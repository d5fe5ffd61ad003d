using System.Net.Http.Json;
using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Training.Model;

namespace Moderation.Inference.Tests;

/// <summary>
/// The reference bundle committed in models/reference (what ./run.sh serves): it verifies (every sha256, labels,
/// graph, config.json), the service loads it, which replays its probe.json (TorchSharp's logits at export) within 1e-4,
/// and it tells languages and abuse apart on texts it never saw. <c>MODERATION_CANDIDATE_BUNDLE=DIR</c> runs the same
/// checks on a candidate before it replaces the reference (the gate a new reference model must pass).
/// </summary>
public sealed class ShippedBundleTests
{
    private static readonly string Directory =
        Environment.GetEnvironmentVariable("MODERATION_CANDIDATE_BUNDLE") is { Length: > 0 } candidate
            ? candidate
            : Path.Combine(FindRoot(), "models", "reference");

    [Fact]
    public void The_shipped_bundle_verifies_and_carries_its_probe_and_model_card()
    {
        var bundle = BundleVerifier.Verify(Directory);
        Assert.Equal(128, bundle.Labels.MaxTokens);
        Assert.True(File.Exists(Path.Combine(Directory, "probe.json")));
        Assert.True(File.Exists(Path.Combine(Directory, "MODEL_CARD.md")));
        Assert.True(new FileInfo(Path.Combine(Directory, "model.onnx")).Length < 16 * 1024 * 1024);
    }

    [Fact]
    public void Its_config_json_uses_the_hugging_face_names_and_declares_the_ngram_branch_its_labels_feed()
    {
        // The reference carries the character n-gram branch: the graph takes char_ngram_ids/char_ngram_mask, the
        // labels say how many buckets the service hashes into, and config.json (hashed in the manifest) agrees.
        var bundle = BundleVerifier.Verify(Directory);
        var json = File.ReadAllText(Path.Combine(Directory, BundleFiles.Config));
        Assert.Contains("\"num_hidden_layers\"", json, StringComparison.Ordinal);
        var config = XlmrConfig.FromJson(json);
        Assert.Equal((2, 4, 130, 128), (config.NumLayers, config.NumHeads, config.MaxPositions, config.MaxSequenceLength));
        Assert.NotNull(config.CharNgrams);
        Assert.Equal(config.CharNgrams.Buckets, bundle.Labels.CharNgramBuckets);
        Assert.True(bundle.Manifest.Files.ContainsKey(BundleFiles.Config));
    }

    [Fact]
    public async Task The_service_serves_it_and_its_verdicts_make_sense()
    {
        // Start-up verifies the bundle and replays probe.json; a drifted graph would refuse to start.
        await using var server = await InferenceServer.StartAsync(Directory);
        var ct = TestContext.Current.CancellationToken;
        var model = (await server.Client.GetFromJsonAsync<ModelInfo>("v1/model", Moderate.Json, ct))!;
        Assert.Equal(BundleManifest.FromJson(File.ReadAllText(Path.Combine(Directory, BundleFiles.Manifest))).BundleVersion, model.ModelVersion);

        var response = await Moderate.PostAsync(server.Client,
            "Great seller, the code arrived within a minute, thanks!",
            "Продавец ответил быстро, всё работает, спасибо.",
            "卖家发货很快，游戏码可以用，谢谢！",
            "You are a worthless idiot and I hope you die, scum.");
        Assert.Equal(["germanic", "slavic", "sino_tibetan", "germanic"], response.Results.Select(r => r.Family!.Label));
        Assert.True(response.Results[3].Categories!.Abuse > response.Results[0].Categories!.Abuse,
            $"abuse {response.Results[3].Categories!.Abuse} for the insult, {response.Results[0].Categories!.Abuse} for the thanks");

        // The shipped operating point (hold budget: 15% of clean reviews) keeps ordinary praise out of the queue, and the
        // insult goes to a person at least (the reference before this one published it: its model card said so).
        Assert.Equal(ModerationAction.Allow, response.Results[0].Action);
        Assert.Equal(ModerationAction.Allow, response.Results[1].Action);
        Assert.Equal(ModerationAction.Allow, response.Results[2].Action);
        Assert.NotEqual(ModerationAction.Allow, response.Results[3].Action);
    }

    [Fact]
    public async Task On_the_hand_written_marketplace_canaries_it_stops_most_insults_and_lets_clean_reviews_through()
    {
        // datasets/canaries: 24 everyday insults and 24 clean reviews in 8 languages that no training source reads. The
        // reference before 14ec1f6e allowed 20 of the insults; a candidate must stop more than half and hold at most 2
        // clean reviews, so a model that misses "You are an idiot." cannot replace this one.
        var rows = File.ReadLines(Path.Combine(FindRoot(), "datasets", "canaries", "marketplace.jsonl"))
            .Select(line => System.Text.Json.JsonSerializer.Deserialize<Canary>(line, Moderate.Json)!).ToList();
        Assert.Equal(48, rows.Count);
        await using var server = await InferenceServer.StartAsync(Directory);
        var verdicts = new List<ModerationVerdict>();
        foreach (var chunk in rows.Chunk(16))
        {
            verdicts.AddRange((await Moderate.PostAsync(server.Client, [.. chunk.Select(r => r.Text)])).Results);
        }

        var pairs = rows.Zip(verdicts).ToList();
        var insultsAllowed = pairs.Where(p => p.First.Inappropriate && p.Second.Action == ModerationAction.Allow).Select(p => p.First.Text).ToList();
        var cleanStopped = pairs.Where(p => !p.First.Inappropriate && p.Second.Action != ModerationAction.Allow).Select(p => p.First.Text).ToList();
        Assert.True(insultsAllowed.Count <= 11, $"{insultsAllowed.Count} of 24 insults allowed: {string.Join(" | ", insultsAllowed)}");
        Assert.True(cleanStopped.Count <= 2, $"{cleanStopped.Count} of 24 clean reviews held or rejected: {string.Join(" | ", cleanStopped)}");
        Assert.True(pairs.Count(p => p.Second.Family!.Label == p.First.Family) >= 46, "language family wrong for more than 2 of 48");
    }

    private sealed record Canary(string Text, string Family, bool Inappropriate);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Moderation.sln not found above " + AppContext.BaseDirectory);
    }
}
