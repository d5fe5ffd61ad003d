using System.Globalization;
using System.Text.Json;
using Moderation.Text;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Tracking;

public sealed class FileStoreLayoutTests
{
    [Fact]
    public void A_tiny_run_writes_mlflow_file_store_layout_and_the_run_directory_contract()
    {
        var root = Training.FixtureCorpus.NewRoot();
        var options = Training.FixtureCorpus.Options(root, maxSteps: 6);
        var outcome = TrainingRun.Start(options, new Training.RecordingObserver(), CancellationToken.None);
        var store = Path.Combine(root, "mlruns");

        var defaultExperiment = File.ReadAllText(Path.Combine(store, "0", "meta.yaml"));
        Assert.Contains("name: 'Default'\n", defaultExperiment, StringComparison.Ordinal);
        var experimentDir = Directory.EnumerateDirectories(store).Single(d => Path.GetFileName(d) != "0");
        var experimentId = Path.GetFileName(experimentDir);
        var experiment = YamlFields(Path.Combine(experimentDir, "meta.yaml"));
        Assert.Equal("'moderation'", experiment["name"]);
        Assert.Equal($"'{experimentId}'", experiment["experiment_id"]);
        Assert.Equal("'active'", experiment["lifecycle_stage"]);
        Assert.StartsWith("'file:///", experiment["artifact_location"], StringComparison.Ordinal);
        Assert.True(long.Parse(experiment["creation_time"], CultureInfo.InvariantCulture) > 1_600_000_000_000);
        Assert.True(experiment.ContainsKey("last_update_time"));

        var runDir = Path.Combine(experimentDir, outcome.RunId);
        Assert.Matches("^[0-9a-f]{32}$", outcome.RunId);
        var run = YamlFields(Path.Combine(runDir, "meta.yaml"));
        Assert.Equal($"'{outcome.RunId}'", run["run_id"]);
        Assert.Equal($"'{outcome.RunId}'", run["run_uuid"]);
        Assert.Equal($"'{experimentId}'", run["experiment_id"]);
        Assert.Equal("3", run["status"]); // FINISHED
        Assert.Equal("'active'", run["lifecycle_stage"]);
        Assert.Equal($"'{new Uri(Path.Combine(runDir, "artifacts")).AbsoluteUri}'", run["artifact_uri"]);
        Assert.True(long.Parse(run["end_time"], CultureInfo.InvariantCulture) >= long.Parse(run["start_time"], CultureInfo.InvariantCulture));
        Assert.Equal("'run'", run["run_name"]);
        Assert.True(run.ContainsKey("user_id"));

        var loss = File.ReadAllLines(Path.Combine(runDir, "metrics", "loss"));
        Assert.Equal(6, loss.Length);
        for (var i = 0; i < loss.Length; i++)
        {
            var parts = loss[i].Split(' ');
            Assert.Equal(3, parts.Length);
            Assert.True(long.Parse(parts[0], CultureInfo.InvariantCulture) > 1_600_000_000_000, "timestamp in ms");
            Assert.True(double.Parse(parts[1], CultureInfo.InvariantCulture) > 0, "loss value");
            Assert.Equal(i + 1, long.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        foreach (var metric in new[] { "lr", "router_temperature", "language_temperature", "expert_load_cv", "val_loss", "val_family_accuracy", "expert_share.moe0.e0" })
        {
            Assert.True(File.Exists(Path.Combine(runDir, "metrics", metric)), $"metric {metric} missing");
        }

        Assert.Equal("8", File.ReadAllText(Path.Combine(runDir, "params", "batch_size")));
        Assert.Equal("6", File.ReadAllText(Path.Combine(runDir, "params", "max_steps")));
        Assert.Equal("run", File.ReadAllText(Path.Combine(runDir, "tags", "mlflow.runName")));
        Assert.Equal("moderation train", File.ReadAllText(Path.Combine(runDir, "tags", "mlflow.source.name")));
        Assert.True(File.Exists(Path.Combine(runDir, "tags", "mlflow.user")));
        Assert.True(File.Exists(Path.Combine(runDir, "artifacts", "run.json")));
        Assert.True(File.Exists(Path.Combine(runDir, "artifacts", "config.json")));

        // RUN_DIR contract.
        var dir = options.Out;
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
        Assert.Equal(outcome.RunId, runJson.RootElement.GetProperty("runId").GetString());
        Assert.Equal(experimentId, runJson.RootElement.GetProperty("experimentId").GetString());
        Assert.Equal("FINISHED", runJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(6, runJson.RootElement.GetProperty("step").GetInt64());
        Assert.Equal(6, runJson.RootElement.GetProperty("bestStep").GetInt64());
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "labels.json")));
        Assert.Equal(Moderation.Taxonomy.Families.All, labels.RootElement.GetProperty("families").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(Moderation.Taxonomy.Categories.All, labels.RootElement.GetProperty("categories").EnumerateArray().Select(e => e.GetString()!));
        using var thresholds = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "thresholds.json")));
        Assert.Equal(0.8, thresholds.RootElement.GetProperty("targetPrecision").GetDouble());
        foreach (var category in Moderation.Taxonomy.Categories.All.Append("inappropriate"))
        {
            var pair = category == "inappropriate" ? thresholds.RootElement.GetProperty("inappropriate") : thresholds.RootElement.GetProperty("categories").GetProperty(category);
            var reject = pair.GetProperty("reject").GetDouble();
            var hold = pair.GetProperty("hold").GetDouble();
            Assert.InRange(reject, 0, 1);
            Assert.InRange(hold, 0, reject);
        }

        var config = XlmrConfig.FromJson(File.ReadAllText(Path.Combine(dir, "config.json")));
        using var model = ModerationModel.Load(Path.Combine(dir, "model.safetensors"));
        Assert.Equal(config, model.Config);
        Assert.Equal(25, model.Config.NumFamilies);
        Assert.Equal(XlmrTokenizer.Load(Path.Combine(dir, "tokenizer.model")).VocabularySize, config.VocabSize);
    }

    private static Dictionary<string, string> YamlFields(string path) => File.ReadAllLines(path)
        .Select(line => line.Split(": ", 2))
        .ToDictionary(parts => parts[0], parts => parts[1]);
}
