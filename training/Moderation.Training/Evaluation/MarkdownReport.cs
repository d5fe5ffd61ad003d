using System.Globalization;
using System.Text;

namespace Moderation.Training.Evaluation;

/// <summary>report.md: the headline, the real/synthetic split, per-category and per-family tables, expert load and the charts.</summary>
public static class MarkdownReport
{
    public const string FileName = "report.md";

    public static string Render(EvaluationResult result, IReadOnlyList<string> charts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(charts);
        var md = new StringBuilder();
        md.AppendLine(Inv($"# Evaluation: {result.Model}"));
        md.AppendLine();
        md.AppendLine(Inv($"Data `{result.Data}` (split `{result.Split}`, {result.Rows} rows{(result.DataSha256 is { } sha ? $", sha256 `{sha[..16]}…`" : "")}). Thresholds: {result.ThresholdsSource}; target precision {result.TargetPrecision:0.00}."));
        md.AppendLine();
        md.AppendLine("## Headline");
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("|---|---|");
        md.AppendLine(Inv($"| family accuracy | {Pct(result.FamilyAccuracy)} |"));
        md.AppendLine(Inv($"| `inappropriate` precision at reject ≥ {result.All.Inappropriate.RejectThreshold:0.000} | {Pct(result.InappropriatePrecision)} |"));
        md.AppendLine(Inv($"| `inappropriate` recall at the same threshold | {Pct(result.InappropriateRecall)} |"));
        md.AppendLine(Inv($"| `inappropriate` average precision (PR-AUC) | {Num(result.All.Inappropriate.AveragePrecision)} |"));
        md.AppendLine(Inv($"| family ECE (15 bins) | {Num(result.All.Family.Ece)} |"));
        md.AppendLine(Inv($"| category ECE (15 bins, all categories pooled) | {Num(result.All.CategoryEce)} |"));
        md.AppendLine(Inv($"| expert load CV (mean over MoE layers) | {Num(result.ExpertLoadCv)} |"));
        md.AppendLine();
        if (result.Comparison is { Count: > 0 } comparison)
        {
            md.AppendLine("## Beside other models (same data)");
            md.AppendLine();
            md.AppendLine("| model | family accuracy | inappropriate precision | inappropriate recall | inappropriate AP | family ECE | expert load CV |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var row in comparison)
            {
                md.AppendLine(Inv($"| {row.Model} | {Pct(row.FamilyAccuracy)} | {Pct(row.InappropriatePrecision)} | {Pct(row.InappropriateRecall)} | {Num(row.InappropriateAveragePrecision)} | {Num(row.FamilyEce)} | {Num(row.ExpertLoadCv)} |"));
            }

            md.AppendLine();
        }

        md.AppendLine("## Real and generated rows");
        md.AppendLine();
        md.AppendLine("Rows written by people (every source but the generator) and generated rows, reported apart.");
        md.AppendLine();
        md.AppendLine("| rows | count | family accuracy | inappropriate positives | inappropriate precision | inappropriate recall | inappropriate AP | policy reject precision | policy reject recall | held | missed |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, subset) in new[] { ("all", result.All), ("real", result.Real), ("synthetic", result.Synthetic) })
        {
            if (subset is null)
            {
                md.AppendLine(Inv($"| {name} | 0 | | | | | | | | | |"));
                continue;
            }

            var i = subset.Inappropriate;
            md.AppendLine(Inv($"| {name} | {subset.Rows} | {Pct(subset.Family.Accuracy)} | {i.Positives} | {Pct(i.Precision)} | {Pct(i.Recall)} | {Num(i.AveragePrecision)} | {Pct(i.Policy.RejectPrecision)} | {Pct(i.Policy.RejectRecall)} | {Pct(i.Policy.HeldShare)} | {Pct(i.Policy.MissedShare)} |"));
        }

        md.AppendLine();
        md.AppendLine("*Policy*: the service's rule with the per-category thresholds (reject if any category ≥ its reject threshold, else hold if any ≥ its hold threshold); *held* is the share of all rows sent to review, *missed* the share of inappropriate rows published.");
        md.AppendLine();
        SliceReport.Append(md, result);
        md.AppendLine("## Categories");
        md.AppendLine();
        md.AppendLine("| category | positives (real / synthetic) | reject threshold | hold threshold | precision | recall | F1 | AP | ECE |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, c) in result.All.Categories)
        {
            var real = result.Real?.Categories[name].Positives ?? 0;
            var synthetic = result.Synthetic?.Categories[name].Positives ?? 0;
            var hold = result.Thresholds.For(name).Hold;
            md.AppendLine(Inv($"| {name} | {c.Positives} ({real} / {synthetic}) | {c.Threshold:0.000} | {hold:0.000} | {Pct(c.Precision)} | {Pct(c.Recall)} | {Num(c.F1)} | {Num(c.AveragePrecision)} | {Num(c.Ece)} |"));
        }

        var inappropriate = result.All.Inappropriate;
        md.AppendLine(Inv($"| **inappropriate** (max score) | {inappropriate.Positives} | {inappropriate.RejectThreshold:0.000} | {inappropriate.HoldThreshold:0.000} | {Pct(inappropriate.Precision)} | {Pct(inappropriate.Recall)} | {Num(inappropriate.F1)} | {Num(inappropriate.AveragePrecision)} | {Num(inappropriate.Ece)} |"));
        md.AppendLine();
        md.AppendLine("## Families");
        md.AppendLine();
        md.AppendLine(Inv($"Accuracy {Pct(result.All.Family.Accuracy)}, macro F1 {Num(result.All.Family.MacroF1)}."));
        md.AppendLine();
        md.AppendLine("| family | support | predicted | precision | recall | F1 |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, f) in result.All.Family.PerFamily.OrderByDescending(p => p.Value.Support))
        {
            md.AppendLine(Inv($"| {name} | {f.Support} | {f.Predicted} | {Pct(f.Precision)} | {Pct(f.Recall)} | {Num(f.F1)} |"));
        }

        md.AppendLine();
        var weakest = result.All.Family.PerLanguage.OrderBy(p => p.Value.Accuracy ?? 0).ThenByDescending(p => p.Value.Rows).Take(10).ToArray();
        md.AppendLine(Inv($"Per language: {result.All.Family.PerLanguage.Count} languages; the ten weakest:"));
        md.AppendLine();
        md.AppendLine("| language | family | rows | accuracy |");
        md.AppendLine("|---|---|---|---|");
        foreach (var (language, a) in weakest)
        {
            md.AppendLine(Inv($"| {language} | {a.Family} | {a.Rows} | {Pct(a.Accuracy)} |"));
        }

        md.AppendLine();
        md.AppendLine("Every language, the full confusion matrix and the calibration bins are in `metrics.json`.");
        md.AppendLine();
        if (result.ExpertLoad is { } load)
        {
            md.AppendLine("## Expert load");
            md.AppendLine();
            md.AppendLine(Inv($"{load.Layers} MoE layers × {load.Experts} experts; share of kept token slots per expert (even = {1.0 / load.Experts:0.000}); CV = standard deviation / mean of the counts."));
            md.AppendLine();
            md.AppendLine("| layer | " + string.Join(" | ", Enumerable.Range(0, load.Experts).Select(e => $"expert {e}")) + " | CV |");
            md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", load.Experts + 1)));
            for (var l = 0; l < load.Layers; l++)
            {
                md.AppendLine(Inv($"| {l} | {string.Join(" | ", load.SharesPerLayer[l].Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} | {Num(load.CvPerLayer[l])} |"));
            }

            md.AppendLine();
            md.AppendLine("Routing by language (shares per layer and expert) is in `metrics.json` under `expert_load.shares_by_language` and in the chart below.");
            md.AppendLine();
        }

        md.AppendLine("## Charts");
        md.AppendLine();
        foreach (var chart in charts)
        {
            md.AppendLine(Inv($"![{Path.GetFileNameWithoutExtension(chart).Replace('_', ' ')}]({chart})"));
            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double? value) => value is { } v ? (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Num(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
