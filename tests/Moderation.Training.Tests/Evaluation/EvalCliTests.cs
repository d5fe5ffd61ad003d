using System.Text.Json;
using Moderation.Datasets.Tokenization;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Cli;
using Moderation.Training.Evaluation;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Evaluation;

/// <summary>`moderation eval` and `moderation baseline train|eval` end to end, and their bad-input exits.</summary>
public sealed class EvalCliTests
{
    private static (int Code, string Error) Run(params string[] args) => CliRun.Invoke(EvaluationCommands.Create(), args);

    private static void AssertOneLineError((int Code, string Error) run, string fragment)
    {
        Assert.NotEqual(0, run.Code);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_ends_with_one_line_and_a_non_zero_exit()
    {
        var corpus = FixtureCorpus.WriteDirectory();
        var report = Path.Combine(corpus, "report");
        AssertOneLineError(Run("eval", "--model", corpus, "--data", Path.Combine(corpus, "nope.jsonl"), "--out", report), "no data file");
        AssertOneLineError(Run("eval", "--model", Path.Combine(corpus, "no-run"), "--data", Path.Combine(corpus, "test.jsonl"), "--out", report), "no model at");
        AssertOneLineError(Run("eval", "--model", corpus, "--data", Path.Combine(corpus, "test.jsonl"), "--split", "dev", "--out", report), "unknown split 'dev'");
        var broken = Path.Combine(corpus, "broken.jsonl");
        File.WriteAllText(broken, "{\"id\": \"x\", \"text\": \n");
        AssertOneLineError(Run("eval", "--model", corpus, "--data", broken, "--out", report), "not a corpus JSONL file");
        AssertOneLineError(Run("baseline", "train", "--corpus", Path.Combine(corpus, "absent"), "--out", report), "no train.jsonl");
        AssertOneLineError(Run("baseline", "eval", "--model", corpus, "--data", Path.Combine(corpus, "test.jsonl"), "--out", report), "no model at");
        AssertOneLineError(Run("eval", "--model", corpus, "--data", Path.Combine(corpus, "test.jsonl"), "--out", report, "--target-precision", "1.5"), "--target-precision");
        AssertOneLineError(Run("eval", "--model", corpus, "--data", Path.Combine(corpus, "test.jsonl"), "--out", report, "--hold-budget", "1.5"), "--hold-budget");
    }

    [Fact]
    public void Baseline_train_then_eval_writes_the_report_and_compares()
    {
        var corpus = FixtureCorpus.WriteDirectory();
        var model = Path.Combine(corpus, "baseline");
        var report = Path.Combine(corpus, "baseline-report");

        Assert.Equal(0, Run("baseline", "train", "--corpus", corpus, "--out", model).Code);
        Assert.True(File.Exists(Path.Combine(model, RunDirectory.ThresholdsFile)));
        Assert.Equal(0, Run("baseline", "eval", "--model", model, "--data", Path.Combine(corpus, "test.jsonl"), "--out", report, "--predictions").Code);

        // --predictions: one line per evaluated row, with its truth and every category's score.
        var lines = File.ReadAllLines(Path.Combine(report, PredictionsFile.FileName));
        Assert.Equal(File.ReadAllLines(Path.Combine(corpus, "test.jsonl")).Count(l => l.Trim().Length > 0), lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(Categories.All.Order(StringComparer.Ordinal), first.RootElement.GetProperty("categories").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.False(string.IsNullOrEmpty(first.RootElement.GetProperty("predictedFamily").GetString()));
        }

        foreach (var file in new[] { MarkdownReport.FileName, MetricsJson.FileName, ReportPlots.ConfusionFile, ReportPlots.PrCurvesFile, ReportPlots.LanguageAccuracyFile })
        {
            Assert.True(File.Exists(Path.Combine(report, file)), file);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, MetricsJson.FileName)));
        Assert.StartsWith("`" + model, doc.RootElement.GetProperty("thresholds_source").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("expert_load_cv").ValueKind);

        // The same report code compares two models side by side.
        var compared = Path.Combine(corpus, "compared");
        Assert.Equal(0, Run("eval", "--model", model, "--data", Path.Combine(corpus, "test.jsonl"), "--out", compared, "--baseline", Path.Combine(report, MetricsJson.FileName)).Code);
        Assert.Contains("## Beside other models", File.ReadAllText(Path.Combine(compared, MarkdownReport.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Transformer_run_is_evaluated_with_routing_by_language_and_validation_thresholds()
    {
        var rows = FixtureCorpus.Rows(perLanguage: 20);
        var corpus = FixtureCorpus.WriteDirectory(rows);
        var run = Path.Combine(corpus, "run");
        Directory.CreateDirectory(run);
        var options = new UnigramTrainerOptions { VocabSize = 400, MaxSentences = 1000, SeedSize = 5000 };
        var spm = SentencePieceModelWriter.Write(new UnigramTrainer(options).Train([.. rows.Select(r => r.Text)]), options);
        File.WriteAllBytes(Path.Combine(run, "tokenizer.model"), spm);
        LabelsFile.Default.Save(Path.Combine(run, RunDirectory.LabelsFile));
        var config = TestModels.Tiny() with
        {
            VocabSize = XlmrTokenizer.Load(spm).VocabularySize,
            NumFamilies = Families.All.Count,
            NumCategories = Categories.All.Count,
        };
        using (var model = TestModels.Build(config))
        {
            model.Save(Path.Combine(run, "model.safetensors"));
        }

        // A checkpoint below the run finds the run's tokenizer and labels.
        var checkpoint = Path.Combine(run, "checkpoints", "step-5");
        Directory.CreateDirectory(checkpoint);
        File.Copy(Path.Combine(run, "model.safetensors"), Path.Combine(checkpoint, "model.safetensors"));

        // Placeholder thresholds (a run stopped before validation) are replaced, not used.
        (Thresholds.Fallback(Categories.All, 0.8) with { Source = "default (no validation evaluation yet)" }).Save(Path.Combine(run, RunDirectory.ThresholdsFile));
        var report = Path.Combine(run, "eval", "test");
        Assert.Equal(0, Run("eval", "--model", checkpoint, "--data", Path.Combine(corpus, "test.jsonl"), "--split", "test", "--out", report).Code);

        // Chosen on validation.jsonl beside the data and written into the run.
        Assert.False(Thresholds.Load(Path.Combine(run, RunDirectory.ThresholdsFile)).IsDefault);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, MetricsJson.FileName)));
        var root = doc.RootElement;
        Assert.Equal(rows.Count(r => r.Split == "test"), root.GetProperty("rows").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("expert_load_cv").ValueKind);
        var byLanguage = root.GetProperty("expert_load").GetProperty("shares_by_language");
        Assert.Equal(["de", "en", "es", "fr", "pl", "ru"], byLanguage.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // Every token passes through one MoE layer here: a language's shares sum to 1.
        Assert.All(byLanguage.EnumerateObject(), p => Assert.Equal(1.0, p.Value.EnumerateArray().Sum(v => v.GetDouble()), 6));
        Assert.True(File.Exists(Path.Combine(report, ReportPlots.ExpertLoadFile)));
        Assert.True(File.Exists(Path.Combine(report, ReportPlots.RoutingByLanguageFile)));

        // Evaluating the validation split chooses thresholds again, into the report directory.
        var validationReport = Path.Combine(run, "eval", "validation");
        Assert.Equal(0, Run("eval", "--model", run, "--data", Path.Combine(corpus, "validation.jsonl"), "--out", validationReport, "--hold-budget", "0.1").Code);
        Assert.Equal(0.1, Thresholds.Load(Path.Combine(validationReport, RunDirectory.ThresholdsFile)).HoldBudget);
    }
}
