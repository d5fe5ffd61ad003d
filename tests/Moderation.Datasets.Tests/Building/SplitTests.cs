using Moderation.Datasets.Building;
using Moderation.Datasets.Corpus;

namespace Moderation.Datasets.Tests.Building;

public class SplitTests
{
    private static List<(string Text, string Stratum)> Rows(int n, string stratum) =>
        [.. Enumerable.Range(0, n).Select(i => ($"text number {i} in {stratum}", stratum))];

    [Fact]
    public void Splits_are_deterministic_and_independent_of_input_order()
    {
        var rows = Rows(200, "en|").Concat(Rows(50, "de|abuse")).ToList();
        var first = SplitAssigner.Assign(rows, 10, 10);
        var shuffled = rows.AsEnumerable().Reverse().ToList();
        var second = SplitAssigner.Assign(shuffled, 10, 10);
        var byText = rows.Select((r, i) => (r.Text, first[i])).ToDictionary();
        for (var i = 0; i < shuffled.Count; i++)
        {
            Assert.Equal(byText[shuffled[i].Text], second[i]);
        }
    }

    [Fact]
    public void Every_stratum_keeps_the_ratio()
    {
        var rows = Rows(100, "en|").Concat(Rows(30, "ja|spam")).ToList();
        var splits = SplitAssigner.Assign(rows, 10, 10);
        foreach (var stratum in new[] { "en|", "ja|spam" })
        {
            var inStratum = rows.Select((r, i) => (r, splits[i])).Where(x => x.r.Stratum == stratum).Select(x => x.Item2).ToList();
            var n = inStratum.Count;
            Assert.Equal(n / 10, inStratum.Count(s => s == Splits.Test));
            Assert.Equal(n / 10, inStratum.Count(s => s == Splits.Validation));
        }
    }

    [Fact]
    public void A_singleton_stratum_goes_to_train() =>
        Assert.Equal([Splits.Train], SplitAssigner.Assign([("only one", "xx|")], 10, 10));

    private static CorpusRow Row(string id, string text, string split) => new()
    {
        Id = id, Text = text, Lang = "en", Family = "germanic", Labels = [], Source = "t", Split = split,
    };

    [Fact]
    public void Leakage_check_fails_on_exact_and_near_duplicates_across_splits()
    {
        LeakageCheck.Run(
            [Row("a", "the seller was quick and friendly", Splits.Train), Row("b", "terrible key, region locked", Splits.Test)], 0.8);

        var exact = Assert.Throws<BuildException>(() => LeakageCheck.Run(
            [Row("a", "The seller was quick and friendly", Splits.Train), Row("b", "the seller was quick, and friendly!", Splits.Test)], 0.8));
        Assert.Contains("b (test)", exact.Message, StringComparison.Ordinal);

        var near = Assert.Throws<BuildException>(() => LeakageCheck.Run(
            [Row("a", "the seller answered in the order chat within minutes, very helpful indeed", Splits.Train),
             Row("c", "the seller answered in the order chat within minutes, very helpful indeed!! yes", Splits.Validation)], 0.8));
        Assert.Contains("near-duplicate", near.Message, StringComparison.Ordinal);
    }
}
