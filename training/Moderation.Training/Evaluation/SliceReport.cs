using System.Globalization;
using System.Text;

namespace Moderation.Training.Evaluation;

/// <summary>The report's "where it fails" sections: precision at a deployment base rate, then per source and per language.</summary>
public static class SliceReport
{
    /// <summary>Languages with fewer positives than this are left out of the per-language table (they stay in metrics.json).</summary>
    private const int MinLanguagePositives = 20;

    public static void Append(StringBuilder md, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(result);
        if (result.BaseRates is { Count: > 0 } rates)
        {
            md.AppendLine(Inv($"## Precision at a deployment base rate ({100 * rates[0].BaseRate:0.#}% inappropriate)"));
            md.AppendLine();
            md.AppendLine("The split's own precision depends on its share of inappropriate rows; the same recall and false-positive rate give this precision where that share is the deployment's (`--base-rate`).");
            md.AppendLine();
            md.AppendLine("| rows | split base rate | inappropriate precision (split) | at base rate | policy reject precision (split) | at base rate |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var r in rates)
            {
                md.AppendLine(Inv($"| {r.Subset} | {Pct(r.SplitBaseRate)} | {Pct(r.Precision)} | {Pct(r.PrecisionAtBaseRate)} | {Pct(r.PolicyRejectPrecision)} | {Pct(r.PolicyRejectPrecisionAtBaseRate)} |"));
            }

            md.AppendLine();
        }

        if (result.Slices is not { Count: > 0 } slices)
        {
            return;
        }

        var labels = slices[0].Labels.Keys.ToArray();
        var header = "| slice | rows | family accuracy | " + string.Join(" | ", labels.Select(l => $"{l} + / AP / R@P{result.TargetPrecision * 100:0}")) + " |";
        var rule = "|---|---|---|" + string.Concat(Enumerable.Repeat("---|", labels.Length));
        foreach (var origin in new[] { SliceMetrics.People, SliceMetrics.Generated })
        {
            foreach (var kind in new[] { SliceMetrics.BySource, SliceMetrics.ByLanguage })
            {
                var rows = slices.Where(s => s.Origin == origin && s.Kind == kind
                    && (kind == SliceMetrics.BySource || s.Labels[SliceEvaluator.Inappropriate].Positives >= MinLanguagePositives)).ToArray();
                if (rows.Length == 0)
                {
                    continue;
                }

                md.AppendLine(Inv($"## Rows {(origin == SliceMetrics.People ? "written by people" : "generated")}, by {kind}"));
                md.AppendLine();
                md.AppendLine(Inv($"Each label: positives / average precision / best recall at precision ≥ {result.TargetPrecision:0.00}{(kind == SliceMetrics.ByLanguage ? $"; languages with at least {MinLanguagePositives} inappropriate rows (all are in `metrics.json`)" : "")}."));
                md.AppendLine();
                md.AppendLine(header);
                md.AppendLine(rule);
                foreach (var s in rows.OrderByDescending(s => s.Labels[SliceEvaluator.Inappropriate].Positives).ThenBy(s => s.Name, StringComparer.Ordinal))
                {
                    md.AppendLine(Inv($"| {s.Name} | {s.Rows} | {Pct(s.FamilyAccuracy)} | ") + string.Join(" | ", labels.Select(l => Cell(s.Labels[l]))) + " |");
                }

                md.AppendLine();
            }
        }
    }

    private static string Cell(LabelSlice label) =>
        label.Positives == 0 ? "0" : Inv($"{label.Positives} / {Num(label.AveragePrecision)} / {Pct(label.RecallAtTargetPrecision)}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double? value) => value is { } v ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Num(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
