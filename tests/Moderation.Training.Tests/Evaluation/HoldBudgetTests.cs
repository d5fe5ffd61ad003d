using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Training.Evaluation;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Evaluation;

public sealed class HoldBudgetTests
{
    private static readonly string[] Categories = ["abuse", "spam"];

    /// <summary>
    /// 1,000 people-written rows: abuse scores separate positives from clean rows fairly well, spam scores barely.
    /// A deterministic generator, so the expected outcome does not hang on a seed's luck.
    /// </summary>
    private static List<PredictedRow> Rows(bool synthetic = false, int count = 1000)
    {
        var random = new Random(11);
        var rows = new List<PredictedRow>();
        for (var i = 0; i < count; i++)
        {
            var positive = i % 4 == 0;
            var abuse = positive ? 0.3 + (0.6 * random.NextDouble()) : 0.5 * random.NextDouble();
            var spam = 0.4 * random.NextDouble();
            rows.Add(Row($"r{i}", positive ? ["abuse"] : [], synthetic, (float)abuse, (float)spam));
        }

        return rows;
    }

    private static PredictedRow Row(string id, string[] labels, bool synthetic, float abuse, float spam) => new(new CorpusRow
    {
        Id = id, Text = id, Lang = "en", Family = "germanic", Labels = labels, Source = synthetic ? CorpusRow.SyntheticSource : "olid", Split = Splits.Validation,
    }, [1f], [abuse, spam]);

    private static (double CleanFlagged, double Caught) Outcome(IReadOnlyList<PredictedRow> rows, double[] reject, double[] hold)
    {
        var pairs = reject.Zip(hold, (r, h) => new CategoryThreshold(r, h)).ToArray();
        var clean = rows.Where(r => !r.Row.Inappropriate).ToArray();
        var positive = rows.Where(r => r.Row.Inappropriate).ToArray();
        return (clean.Count(r => r.HeldBy(pairs)) / (double)clean.Length, positive.Count(r => r.HeldBy(pairs)) / (double)positive.Length);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.15)]
    [InlineData(0.30)]
    public void The_clean_rows_held_or_rejected_stay_within_the_budget_and_more_budget_catches_more(double budget)
    {
        var rows = Rows();
        double[] reject = [0.85, 1.0];
        var hold = HoldBudget.Choose(rows, Categories, reject, budget);
        var (cleanFlagged, caught) = Outcome(rows, reject, hold);

        Assert.True(cleanFlagged <= budget + 1e-9, $"{cleanFlagged:P1} of clean rows flagged against a budget of {budget:P0}");
        Assert.True(cleanFlagged >= budget - 0.02, $"the budget should be used: {cleanFlagged:P1} of {budget:P0}");
        Assert.All(hold.Zip(reject), p => Assert.True(p.First <= p.Second));
        var (_, caughtWithLess) = Outcome(rows, reject, HoldBudget.Choose(rows, Categories, reject, budget / 2));
        Assert.True(caught > caughtWithLess, $"budget {budget:P0} caught {caught:P1}, half of it {caughtWithLess:P1}");
        Assert.True(hold[0] < reject[0], "abuse, the score that separates, gets a hold band");
        Assert.Equal(reject[1], hold[1]);    // no row is spam: abuse rows its noise reaches do not buy spam a band
    }

    [Fact]
    public void It_beats_the_per_category_recall_rule_on_clean_rows_at_the_same_catch()
    {
        var rows = Rows();
        var set = new PredictionSet("hand-made", ["germanic"], Categories, rows, null);
        var perCategory = Thresholds.Choose(set, 0.8);
        double[] reject = [perCategory.For("abuse").Reject, perCategory.For("spam").Reject];
        var own = Outcome(rows, reject, [perCategory.For("abuse").Hold, perCategory.For("spam").Hold]);
        var budgeted = Outcome(rows, reject, HoldBudget.Choose(rows, Categories, reject, own.CleanFlagged));
        Assert.True(budgeted.Caught >= own.Caught - 1e-9, $"same clean share {own.CleanFlagged:P1}: budget caught {budgeted.Caught:P1}, per category {own.Caught:P1}");
    }

    [Fact]
    public void Generated_rows_do_not_spend_the_budget_when_people_written_rows_exist()
    {
        // Generated clean rows with high spam scores: were they counted, spam's band would be judged on them.
        var people = Rows(count: 400);
        var generated = Enumerable.Range(0, 400).Select(i => Row($"g{i}", i % 2 == 0 ? ["spam"] : [], true, 0.01f, i % 2 == 0 ? 0.6f : 0.59f)).ToList();
        double[] reject = [0.85, 0.95];
        var withGenerated = HoldBudget.Choose([.. people, .. generated], Categories, reject, 0.1);
        Assert.Equal(HoldBudget.Choose(people, Categories, reject, 0.1), withGenerated);
    }

    [Fact]
    public void A_zero_budget_holds_no_clean_row_and_a_bad_budget_is_refused()
    {
        var rows = Rows();
        double[] reject = [0.85, 1.0];
        var hold = HoldBudget.Choose(rows, Categories, reject, 0);
        Assert.Equal(0.0, Outcome(rows, reject, hold).CleanFlagged);
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldBudget.Choose(rows, Categories, reject, 1.5));
    }

    [Fact]
    public void Thresholds_record_the_budget_they_were_chosen_under()
    {
        var set = new PredictionSet("hand-made", ["germanic"], Categories, Rows(), null);
        var chosen = Thresholds.Choose(set, 0.8, holdBudget: 0.15);
        Assert.Equal(0.15, chosen.HoldBudget);
        var path = TestModels.TempFile("thresholds.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        chosen.Save(path);
        Assert.Equal(0.15, Thresholds.Load(path).HoldBudget);
        Assert.Null(Thresholds.Choose(set, 0.8).HoldBudget);
    }

    [Fact]
    public void A_training_run_chooses_its_thresholds_under_its_hold_budget()
    {
        var root = Training.FixtureCorpus.NewRoot();
        Moderation.Training.Training.TrainingRun.Start(Training.FixtureCorpus.Options(root) with { HoldBudget = 0.1 }, new Training.RecordingObserver(), CancellationToken.None);
        Assert.Equal(0.1, Thresholds.Load(Path.Combine(root, "run", RunDirectory.ThresholdsFile)).HoldBudget);
    }
}
