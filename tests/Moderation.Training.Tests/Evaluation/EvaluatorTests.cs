using System.Text.Json;
using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Training.Evaluation;
using Moderation.Training.Model;

namespace Moderation.Training.Tests.Evaluation;

/// <summary>The whole evaluation on a hand-made prediction set: headline keys, real/synthetic split, policy, expert load, report files.</summary>
public sealed class EvaluatorTests
{
    private static readonly string[] Families = ["germanic", "romance"];
    private static readonly string[] Categories = ["abuse", "spam"];

    private static PredictedRow Row(string id, string lang, string family, string[] labels, bool synthetic, float[] familyProbabilities, float[] categoryProbabilities) =>
        new(new CorpusRow
        {
            Id = id, Text = id, Lang = lang, Family = family, Labels = labels,
            Source = synthetic ? CorpusRow.SyntheticSource : "udhr", Split = Splits.Test,
        }, familyProbabilities, categoryProbabilities);

    private static PredictionSet Set()
    {
        var routing = new ExpertRouting(layers: 1, experts: 4);
        routing.Add("en", [new RoutingStats([10, 10, 10, 0], 100, 0)]);
        routing.Add("es", [new RoutingStats([0, 0, 0, 30], 100, 0)]);
        return new PredictionSet("hand-made", Families, Categories,
        [
            Row("r1", "en", "germanic", ["abuse"], false, [0.9f, 0.1f], [0.95f, 0.10f]),
            Row("r2", "en", "germanic", [], false, [0.4f, 0.6f], [0.70f, 0.20f]),
            Row("r3", "es", "romance", ["spam"], false, [0.2f, 0.8f], [0.10f, 0.60f]),
            Row("s1", "es", "romance", [], true, [0.3f, 0.7f], [0.05f, 0.05f]),
            Row("s2", "en", "germanic", ["abuse", "spam"], true, [0.8f, 0.2f], [0.30f, 0.90f]),
        ], routing);
    }

    private static Thresholds Given() => new(0.8,
        new Dictionary<string, CategoryThreshold> { ["abuse"] = new(0.8, 0.5), ["spam"] = new(0.8, 0.5) },
        new CategoryThreshold(0.8, 0.5));

    [Fact]
    public void Headline_figures_and_subsets_on_hand_made_predictions()
    {
        var result = Evaluator.Evaluate(Set(), Given(), "hand.jsonl", Splits.Test, "given");

        Assert.Equal(4.0 / 5, result.FamilyAccuracy!.Value, 12);                 // r2 is wrong
        // Max scores 0.95, 0.70, 0.60, 0.05, 0.90 against ≥ 0.8: r1 and s2 flagged, both inappropriate; r3 missed.
        Assert.Equal(1.0, result.InappropriatePrecision!.Value, 12);
        Assert.Equal(2.0 / 3, result.InappropriateRecall!.Value, 12);
        Assert.Equal(3, result.Real!.Rows);
        Assert.Equal(2, result.Synthetic!.Rows);
        Assert.Equal(2.0 / 3, result.Real.Family.Accuracy!.Value, 12);
        Assert.Equal(1.0, result.Synthetic.Family.Accuracy!.Value, 12);
        Assert.Equal(0.5, result.Real.Inappropriate.Recall!.Value, 12);
        Assert.Equal([[2, 1], [0, 2]], result.All.Family.Confusion);
        Assert.Equal(1.0, result.All.Family.PerLanguage["es"].Accuracy!.Value, 12);
        Assert.Equal(2.0 / 3, result.All.Family.PerLanguage["en"].Accuracy!.Value, 12);

        // Policy: r2 (abuse 0.70) and r3 (spam 0.60) are in the hold band; no inappropriate row is published.
        Assert.Equal(2.0 / 5, result.All.Inappropriate.Policy.HeldShare, 12);
        Assert.Equal(0.0, result.All.Inappropriate.Policy.MissedShare);

        // Spam at 0.8: s2 flagged, r3 missed → precision 1, recall 1/2.
        Assert.Equal(0.5, result.All.Categories["spam"].Recall!.Value, 12);
    }

    [Fact]
    public void Expert_load_pools_languages_and_keeps_them_apart()
    {
        var result = Evaluator.Evaluate(Set(), Given(), "hand.jsonl", Splits.Test, "given");
        var load = result.ExpertLoad!;
        Assert.Equal(Math.Sqrt(75) / 15, load.Cv!.Value, 12);                  // [10, 10, 10, 30]
        Assert.Equal([1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5], load.SharesPerLayer[0]);
        Assert.Equal([0.0, 0.0, 0.0, 1.0], load.SharesByLanguage["es"]);
        Assert.Equal(result.ExpertLoadCv, load.Cv);
    }

    [Fact]
    public void Thresholds_chosen_on_validation_follow_the_contract_file_shape()
    {
        var chosen = Thresholds.Choose(Set(), targetPrecision: 0.8);
        var path = TestModels.TempFile("thresholds.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        chosen.Save(path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(0.8, doc.RootElement.GetProperty("targetPrecision").GetDouble());
        var abuse = doc.RootElement.GetProperty("categories").GetProperty("abuse");
        // Abuse scores 0.95 (+), 0.70, 0.10, 0.05, 0.30 (+): precision 1 at 0.95, 2/3 at 0.30 → reject 0.95.
        Assert.Equal(0.95f, (float)abuse.GetProperty("reject").GetDouble());
        Assert.Equal(0.30f, (float)abuse.GetProperty("hold").GetDouble());
        Assert.True(doc.RootElement.GetProperty("inappropriate").GetProperty("hold").GetDouble() <= doc.RootElement.GetProperty("inappropriate").GetProperty("reject").GetDouble());
        Assert.Equal(chosen, Thresholds.Load(path) with { Categories = chosen.Categories });
    }

    [Fact]
    public void Report_directory_holds_markdown_json_and_charts()
    {
        var result = Evaluator.Evaluate(Set(), Given(), "hand.jsonl", Splits.Test, "given");
        var dir = Path.GetDirectoryName(TestModels.TempFile("x"))!;
        ReportWriter.Write(result with { Comparison = [MetricsJson.Headline(result)] }, dir);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, MetricsJson.FileName)));
        foreach (var key in new[] { "family_accuracy", "inappropriate_recall", "inappropriate_precision", "expert_load_cv" })
        {
            Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty(key).ValueKind);
        }

        Assert.Equal(4.0 / 5, doc.RootElement.GetProperty("family_accuracy").GetDouble(), 12);
        Assert.True(doc.RootElement.GetProperty("real").GetProperty("family").TryGetProperty("per_language", out _));
        var report = File.ReadAllText(Path.Combine(dir, MarkdownReport.FileName));
        Assert.Contains("80.00%", report, StringComparison.Ordinal);
        Assert.Contains("## Real and generated rows", report, StringComparison.Ordinal);
        foreach (var png in new[] { ReportPlots.ConfusionFile, ReportPlots.PrCurvesFile, ReportPlots.LanguageAccuracyFile, ReportPlots.CalibrationFile, ReportPlots.ExpertLoadFile, ReportPlots.RoutingByLanguageFile })
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, png));
            Assert.True(bytes.Length > 1000, png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.Contains($"]({png})", report, StringComparison.Ordinal);
        }

        var headline = MetricsJson.ReadHeadline(Path.Combine(dir, MetricsJson.FileName));
        Assert.Equal(result.FamilyAccuracy, headline.FamilyAccuracy);
        Assert.Equal(result.All.Inappropriate.AveragePrecision, headline.InappropriateAveragePrecision);
    }
}
