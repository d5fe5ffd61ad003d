using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Training.Evaluation;

namespace Moderation.Training.Tests.Evaluation;

/// <summary>Per-source and per-language figures and precision at a base rate, on hand-made predictions with hand-computed answers.</summary>
public sealed class SliceEvaluatorTests
{
    private static readonly string[] Families = ["germanic", "romance"];
    private static readonly string[] Categories = ["abuse", "spam"];

    /// <summary>A germanic row; <paramref name="wrongFamily"/> makes the model call it romance.</summary>
    private static PredictedRow Row(string id, string lang, string source, string[] labels, float abuse, float spam, bool wrongFamily = false) =>
        new(new CorpusRow { Id = id, Text = id, Lang = lang, Family = "germanic", Labels = labels, Source = source, Split = Splits.Test },
            wrongFamily ? [0.2f, 0.8f] : [0.9f, 0.1f], [abuse, spam]);

    private static PredictionSet Set() => new("hand-made", Families, Categories,
    [
        // olid (en): abuse ranked 0.9 (+), 0.8 (−), 0.7 (+), 0.1 (−): AP = (1 + 2/3) / 2, recall at P ≥ 0.8 = 0.5.
        Row("o1", "en", "olid", ["abuse"], 0.9f, 0.1f),
        Row("o2", "en", "olid", [], 0.8f, 0.1f),
        Row("o3", "en", "olid", ["abuse"], 0.7f, 0.1f),
        Row("o4", "en", "olid", [], 0.1f, 0.1f),
        // germeval (de): both positives above both negatives: AP 1, recall 1; one family wrong.
        Row("g1", "de", "germeval", ["abuse"], 0.6f, 0.2f),
        Row("g2", "de", "germeval", ["spam"], 0.2f, 0.7f),
        Row("g3", "de", "germeval", [], 0.1f, 0.1f, wrongFamily: true),
        Row("g4", "de", "germeval", [], 0.1f, 0.1f),
        // Generated rows, reported apart.
        Row("s1", "en", CorpusRow.SyntheticSource, ["spam"], 0.1f, 0.99f),
        Row("s2", "en", CorpusRow.SyntheticSource, [], 0.1f, 0.01f),
    ], Routing: null);

    [Fact]
    public void Sources_and_languages_are_reported_apart_for_people_and_generated_rows()
    {
        var slices = SliceEvaluator.Slices(Set(), targetPrecision: 0.8);

        var olid = slices.Single(s => s is { Origin: SliceMetrics.People, Kind: SliceMetrics.BySource, Name: "olid" });
        Assert.Equal(4, olid.Rows);
        Assert.Equal(2, olid.Labels["abuse"].Positives);
        Assert.Equal((1 + (2.0 / 3)) / 2, olid.Labels["abuse"].AveragePrecision!.Value, 9);
        Assert.Equal(0.5, olid.Labels["abuse"].RecallAtTargetPrecision);
        Assert.Null(olid.Labels["spam"].AveragePrecision);
        Assert.Equal(olid.Labels["abuse"], olid.Labels[SliceEvaluator.Inappropriate]);

        var german = slices.Single(s => s is { Origin: SliceMetrics.People, Kind: SliceMetrics.ByLanguage, Name: "de" });
        Assert.Equal(0.75, german.FamilyAccuracy);
        Assert.Equal(1.0, german.Labels[SliceEvaluator.Inappropriate].AveragePrecision);
        Assert.Equal(1.0, german.Labels[SliceEvaluator.Inappropriate].RecallAtTargetPrecision);

        Assert.DoesNotContain(slices, s => s.Origin == SliceMetrics.People && s.Name == CorpusRow.SyntheticSource);
        var generated = slices.Single(s => s is { Origin: SliceMetrics.Generated, Kind: SliceMetrics.BySource });
        Assert.Equal(2, generated.Rows);
        Assert.Equal(1.0, generated.Labels["spam"].AveragePrecision);
        // "en" people rows exclude the generated ones.
        Assert.Equal(4, slices.Single(s => s is { Origin: SliceMetrics.People, Kind: SliceMetrics.ByLanguage, Name: "en" }).Rows);
    }

    [Fact]
    public void Recall_at_a_precision_no_point_reaches_is_zero()
    {
        var curve = PrecisionRecallCurve.From([0.9, 0.8], [false, true]);
        Assert.Equal(0, SliceEvaluator.RecallAt(curve, 0.8));
        Assert.Null(SliceEvaluator.RecallAt(PrecisionRecallCurve.From([0.9], [false]), 0.8));
    }

    [Fact]
    public void Precision_at_a_base_rate_follows_recall_and_false_positive_rate()
    {
        // Recall 0.5 and false-positive rate 0.1 at base rate 5%: 0.025 / (0.025 + 0.095).
        Assert.Equal(0.025 / 0.12, BaseRatePrecision.At(0.05, 0.5, 0.1)!.Value, 12);
        Assert.Null(BaseRatePrecision.At(0.05, 0, 0));

        // olid + germeval at the 0.75 reject threshold: abuse flags o1, o2 (tp 1, fp 1); 4 positives, 4 negatives.
        var thresholds = new Thresholds(0.8,
            new Dictionary<string, CategoryThreshold> { ["abuse"] = new(0.75, 0.5), ["spam"] = new(0.75, 0.5) },
            new CategoryThreshold(0.75, 0.5));
        var people = Set().Rows.Where(r => !r.Row.IsSynthetic).ToList();
        var rate = SliceEvaluator.AtBaseRate("real", people, thresholds, Categories, 0.05);

        Assert.Equal(0.5, rate.SplitBaseRate);
        Assert.Equal(0.5, rate.Precision);
        Assert.Equal(BaseRatePrecision.At(0.05, 1 / 4.0, 1 / 4.0), rate.PrecisionAtBaseRate);
        Assert.Equal(0.05, rate.PrecisionAtBaseRate!.Value, 12);
    }

    [Fact]
    public void The_evaluation_carries_the_slices_and_base_rates_into_its_report()
    {
        var thresholds = new Thresholds(0.8,
            new Dictionary<string, CategoryThreshold> { ["abuse"] = new(0.75, 0.5), ["spam"] = new(0.75, 0.5) },
            new CategoryThreshold(0.75, 0.5));
        var result = Evaluator.Evaluate(Set(), thresholds, "hand.jsonl", Splits.Test, "given", baseRate: 0.1);

        Assert.Equal(["all", "real", "synthetic"], result.BaseRates!.Select(r => r.Subset));
        Assert.All(result.BaseRates!, r => Assert.Equal(0.1, r.BaseRate));
        var md = MarkdownReport.Render(result, []);
        Assert.Contains("## Rows written by people, by source", md, StringComparison.Ordinal);
        Assert.Contains("| olid | 4 | 100.0% | 2 / 0.833 / 50.0% |", md, StringComparison.Ordinal);
        Assert.Contains("## Precision at a deployment base rate (10% inappropriate)", md, StringComparison.Ordinal);
    }
}
