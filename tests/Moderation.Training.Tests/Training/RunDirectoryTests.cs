using System.Text.Json.Nodes;
using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Evaluation;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

/// <summary>The run directory contract: what training writes is what export and evaluation read, through one parser.</summary>
public sealed class RunDirectoryTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "moderation-run-directory-tests", Guid.NewGuid().ToString("N"));

    public RunDirectoryTests()
    {
        Directory.CreateDirectory(dir);
        // Export checks that these exist; their contents are read by the model and tokenizer loaders, not here.
        File.WriteAllText(Path.Combine(dir, RunDirectory.ConfigFile), "{}");
        File.WriteAllBytes(Path.Combine(dir, RunDirectory.ModelFile), []);
        File.WriteAllBytes(Path.Combine(dir, RunDirectory.TokenizerFile), []);
        File.WriteAllText(Path.Combine(dir, RunDirectory.RunFile), new JsonObject { ["runId"] = "r1", ["status"] = "FINISHED" }.ToJsonString());
        RunDirectory.WriteLabels(dir);
    }

    [Fact]
    public void Default_thresholds_a_run_writes_are_what_export_and_evaluation_read()
    {
        RunDirectory.WriteDefaultThresholds(dir);

        var run = RunDirectory.Open(dir);
        Assert.Equal("r1", run.RunId);
        Assert.Equal(Families.All, run.Families);
        Assert.Equal(Categories.All, run.Categories);
        Assert.Equal(Categories.All.Order(StringComparer.Ordinal), run.Thresholds!.Keys.Order(StringComparer.Ordinal));
        Assert.All(run.Thresholds.Values, t => Assert.Equal(new CategoryThreshold(RunDirectory.DefaultReject, RunDirectory.DefaultHold), t));

        var thresholds = Thresholds.Load(Path.Combine(dir, RunDirectory.ThresholdsFile));
        Assert.True(thresholds.IsDefault);
        Assert.Equal(RunDirectory.TargetPrecision, thresholds.TargetPrecision);
        Assert.Equal(new CategoryThreshold(RunDirectory.DefaultReject, RunDirectory.DefaultHold), thresholds.Inappropriate);
    }

    [Fact]
    public void A_category_without_a_hold_threshold_is_refused_by_evaluation_as_by_export()
    {
        File.WriteAllText(Path.Combine(dir, RunDirectory.ThresholdsFile),
            """{"targetPrecision": 0.8, "categories": {"abuse": {"reject": 0.6}}, "inappropriate": {"reject": 0.6, "hold": 0.3}}""");

        var evaluation = Assert.Throws<EvaluationException>(() => Thresholds.Load(Path.Combine(dir, RunDirectory.ThresholdsFile)));
        var export = Assert.Throws<RunDirectoryException>(() => RunDirectory.Open(dir));
        Assert.Contains("numeric 'reject' and 'hold'", evaluation.Message, StringComparison.Ordinal);
        Assert.Equal(evaluation.Message, export.Message);
    }

    [Fact]
    public void Export_reads_the_categories_of_a_thresholds_file_without_an_inappropriate_pair_and_evaluation_refuses_it()
    {
        File.WriteAllText(Path.Combine(dir, RunDirectory.ThresholdsFile), """{"categories": {"abuse": {"reject": 0.7, "hold": 0.4}}}""");

        Assert.Equal(new CategoryThreshold(0.7, 0.4), RunDirectory.Open(dir).Thresholds!["abuse"]);
        Assert.Throws<EvaluationException>(() => Thresholds.Load(Path.Combine(dir, RunDirectory.ThresholdsFile)));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
