namespace Notebooks.Tests;

/// <summary>
/// Each notebook run on the fixtures (trimmed real outputs) into a temporary folder. One class, so the runs
/// go one after another: parallel `dotnet run` builds would only fight over the two cores.
/// </summary>
public sealed class NotebookTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("notebook-").FullName;

    public void Dispose() => Directory.Delete(outDir, recursive: true);

    [Fact]
    public async Task Corpus_notebook_charts_the_manifest_counts()
    {
        var report = await RunAsync("corpus", "corpus.md", RepoPaths.Fixture("corpus"), outDir);

        Assert.Contains("**604** rows", report.Text, StringComparison.Ordinal);
        Assert.Contains("| de | 76 |", report.Text, StringComparison.Ordinal);
        Assert.Contains("## Real vs generated", report.Text, StringComparison.Ordinal);
        Assert.Contains("languages.png", report.Images);
        Assert.Contains("families.png", report.Images);
        Assert.Contains("categories.png", report.Images);
        Assert.Contains("sources.png", report.Images);
        Assert.Contains("origin.png", report.Images);
        report.AssertImagesAreRealPngs();
    }

    [Fact]
    public async Task Training_notebook_plots_the_runs_curves_from_an_mlruns_store()
    {
        var report = await RunAsync("training", "training.md", RepoPaths.Fixture("mlruns"), outDir);

        Assert.Contains("`fixture-run`", report.Text, StringComparison.Ordinal);
        Assert.Contains("last step 450", report.Text, StringComparison.Ordinal);
        Assert.Contains("`expert_share.moe0.e3` 9 points", report.Text, StringComparison.Ordinal);
        Assert.Equal(["loss.png", "validation.png", "expert_load.png", "expert_load_cv.png", "temperature.png", "optimizer.png"], report.Images);
        report.AssertImagesAreRealPngs();
    }

    [Fact]
    public async Task Evaluation_notebook_draws_confusion_curves_and_languages()
    {
        var report = await RunAsync("evaluation", "evaluation.md", RepoPaths.Fixture("eval/metrics.json"), outDir);

        Assert.Contains("| family accuracy | 0.958 |", report.Text, StringComparison.Ordinal);
        Assert.Contains("25 families", report.Text, StringComparison.Ordinal);
        Assert.Contains("12 languages", report.Text, StringComparison.Ordinal);
        // personal_info has no curve points in the fixture: the report must say so rather than draw nothing silently.
        Assert.Contains("1 categories have no curve points", report.Text, StringComparison.Ordinal);
        Assert.Equal(["confusion_matrix.png", "pr_curves.png", "language_accuracy.png"], report.Images);
        report.AssertImagesAreRealPngs();
    }

    [Fact]
    public async Task Evaluation_notebook_shows_evals_own_charts_and_says_when_eval_drew_none()
    {
        var report = await RunAsync("evaluation", "evaluation.md", RepoPaths.Fixture("eval"), outDir);
        foreach (var chart in report.Images)
        {
            // Eval's file, byte for byte: the notebook no longer draws its own version.
            Assert.Equal(File.ReadAllBytes(RepoPaths.Fixture(Path.Combine("eval", chart))), File.ReadAllBytes(Path.Combine(outDir, chart)));
        }

        var bare = Path.Combine(outDir, "bare");
        Directory.CreateDirectory(bare);
        File.Copy(RepoPaths.Fixture("eval/metrics.json"), Path.Combine(bare, "metrics.json"));
        var alone = await RunAsync("evaluation", "evaluation.md", bare, Path.Combine(outDir, "alone"));
        Assert.Empty(alone.Images);
        Assert.Contains("No `confusion_matrix.png` beside this metrics.json", alone.Text, StringComparison.Ordinal);
        Assert.Contains("| family accuracy | 0.958 |", alone.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Benchmarks_notebook_compares_against_baselines_and_skips_absent_results()
    {
        var report = await RunAsync("benchmarks", "benchmarks.md", RepoPaths.Fixture("bench"), outDir);

        Assert.Contains("Stock 1200, accepted 1200", report.Text, StringComparison.Ordinal);
        Assert.Contains("| naive (row lock) | 2006.6 |", report.Text, StringComparison.Ordinal);
        Assert.Contains("Service at 64 concurrent: 1515 texts/s", report.Text, StringComparison.Ordinal);
        Assert.Contains("training_throughput.png", report.Images);
        Assert.DoesNotContain("cache_throughput.png", report.Images); // the fixtures hold no cache.json
        Assert.Equal(6, report.Images.Count);
        report.AssertImagesAreRealPngs();
    }

    [Fact]
    public async Task A_missing_input_is_refused_with_one_line()
    {
        var run = await NotebookRun.StartAsync("corpus", Path.Combine(outDir, "no-such-corpus"), outDir);

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no manifest", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "corpus.md")));
    }

    [Fact]
    public async Task A_file_that_is_not_an_eval_is_refused_with_one_line()
    {
        var run = await NotebookRun.StartAsync("evaluation", RepoPaths.Fixture("corpus/manifest.json"), outDir);

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("has no `all.family` section", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_metric_line_is_refused_with_one_line()
    {
        var run = Path.Combine(outDir, "run");
        Directory.CreateDirectory(Path.Combine(run, "metrics"));
        File.WriteAllText(Path.Combine(run, "metrics", "loss"), "1796092430592 3.97 1\n1796092430774 not-a-number 2\n");

        var result = await NotebookRun.StartAsync("training", run, Path.Combine(outDir, "report"));

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not \"timestamp value step\"", line, StringComparison.Ordinal);
    }

    private static async Task<MarkdownReport> RunAsync(string notebook, string reportName, string input, string outDir)
    {
        var run = await NotebookRun.StartAsync(notebook, input, outDir);
        Assert.True(run.ExitCode == 0, $"{notebook} exited {run.ExitCode}: {run.Stderr}{run.Stdout}");
        var path = Path.Combine(outDir, reportName);
        Assert.True(File.Exists(path), $"{notebook} wrote no {reportName}");
        return new MarkdownReport(path);
    }
}
