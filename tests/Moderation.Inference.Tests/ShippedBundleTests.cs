using System.Net.Http.Json;
using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Training.Model;

namespace Moderation.Inference.Tests;

/// <summary>
/// The reference bundle committed in models/reference (what ./run.sh serves): it verifies (every sha256, labels,
/// graph), the service loads it, which replays its probe.json (TorchSharp's logits at export) within 1e-4, and it
/// tells languages and abuse apart on texts it never saw.
/// </summary>
public sealed class ShippedBundleTests
{
    private static readonly string Directory = Path.Combine(FindRoot(), "models", "reference");

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
    public void Its_manifest_config_written_with_the_old_names_reads_into_the_model_config()
    {
        // Exported before bundles carried config.json and before the Hugging Face names: both must still load.
        Assert.False(File.Exists(Path.Combine(Directory, BundleFiles.Config)));
        var manifest = BundleVerifier.Verify(Directory).Manifest;
        Assert.True(manifest.Config.ContainsKey("num_layers"));
        var config = XlmrConfig.FromJson(manifest.Config.ToJsonString());
        Assert.Equal((2, 4, 130, 0.1, 0.1), (config.NumLayers, config.NumHeads, config.MaxPositions, config.HiddenDropout, config.AttentionDropout));
        Assert.Equal(128, config.MaxSequenceLength);
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

        // The shipped operating point (hold budget: 15% of clean reviews) keeps ordinary praise out of the queue; the
        // per-category rule before it held the English one. The Russian praise scores high on abuse (a known failure in
        // the model card), and the insult's action is whatever its scores reach: the card lists blatant insults it publishes.
        Assert.Equal(ModerationAction.Allow, response.Results[0].Action);
        Assert.Equal(ModerationAction.Allow, response.Results[2].Action);
    }

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
