using ScottPlot;

namespace Moderation.Training.Evaluation;

/// <summary>The report's PNG charts, one method per file.</summary>
public static class ReportPlots
{
    public const string ConfusionFile = "confusion_matrix.png";
    public const string PrCurvesFile = "pr_curves.png";
    public const string LanguageAccuracyFile = "language_accuracy.png";
    public const string CalibrationFile = "family_calibration.png";
    public const string ExpertLoadFile = "expert_load.png";
    public const string RoutingByLanguageFile = "expert_routing_by_language.png";

    private static readonly Color[] Palette =
        [Colors.SteelBlue, Colors.Orange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.SaddleBrown, Colors.HotPink, Colors.Gray];

    /// <summary>Writes every chart the result has data for; returns the file names written.</summary>
    public static IReadOnlyList<string> WriteAll(EvaluationResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var written = new List<string>();
        Confusion(result.All.Family, Path.Combine(directory, ConfusionFile));
        written.Add(ConfusionFile);
        PrCurves(result.All, Path.Combine(directory, PrCurvesFile));
        written.Add(PrCurvesFile);
        LanguageAccuracy(result.All.Family, Path.Combine(directory, LanguageAccuracyFile));
        written.Add(LanguageAccuracyFile);
        Calibration(result.All.Family, Path.Combine(directory, CalibrationFile));
        written.Add(CalibrationFile);
        if (result.ExpertLoad is { } load)
        {
            ExpertShares(load, Path.Combine(directory, ExpertLoadFile));
            written.Add(ExpertLoadFile);
            RoutingByLanguage(load, Path.Combine(directory, RoutingByLanguageFile));
            written.Add(RoutingByLanguageFile);
        }

        return written;
    }

    /// <summary>Row-normalised (share of each true family), over the families that occur as truth or prediction.</summary>
    public static void Confusion(FamilyMetrics family, string path)
    {
        ArgumentNullException.ThrowIfNull(family);
        var used = Enumerable.Range(0, family.ConfusionLabels.Count)
            .Where(i => family.Confusion[i].Sum() > 0 || family.Confusion.Any(row => row[i] > 0))
            .ToArray();
        var n = Math.Max(used.Length, 1);
        var shares = new double[n, n];
        for (var r = 0; r < used.Length; r++)
        {
            var total = (double)family.Confusion[used[r]].Sum();
            for (var c = 0; c < used.Length; c++)
            {
                shares[r, c] = total == 0 ? 0 : family.Confusion[used[r]][used[c]] / total;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        var labels = used.Select(i => family.ConfusionLabels[i]).ToArray();
        // Heatmap row 0 is drawn at the top: y ticks count down.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. labels.Select((l, i) => new Tick(i, l))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. labels.Select((l, i) => new Tick(n - 1 - i, l))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Title("Family confusion: true family (rows) → predicted (columns), share of each row");
        plot.Layout.Fixed(new PixelPadding(130, 110, 120, 40));
        plot.SavePng(path, 1000, 900);
    }

    public static void PrCurves(SubsetMetrics subset, string path)
    {
        ArgumentNullException.ThrowIfNull(subset);
        var plot = new Plot();
        var k = 0;
        foreach (var (name, metrics) in subset.Categories)
        {
            Curve(plot, metrics.Curve, $"{name} (AP {Fmt(metrics.AveragePrecision)})", Palette[k++ % Palette.Length], 1.5f);
        }

        Curve(plot, subset.Inappropriate.Curve, $"inappropriate (AP {Fmt(subset.Inappropriate.AveragePrecision)})", Colors.Black, 3f);
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.XLabel("recall");
        plot.YLabel("precision");
        plot.Title("Precision–recall per category");
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.LowerLeft;
        plot.SavePng(path, 900, 650);
    }

    public static void LanguageAccuracy(FamilyMetrics family, string path)
    {
        ArgumentNullException.ThrowIfNull(family);
        var languages = family.PerLanguage.OrderBy(p => p.Value.Accuracy ?? 0).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var plot = new Plot();
        var bars = plot.Add.Bars(languages.Select(l => 100 * (l.Value.Accuracy ?? 0)).ToArray());
        bars.Color = Colors.SteelBlue;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. languages.Select((l, i) => new Tick(i, l.Key))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Axes.SetLimitsY(0, 102);
        plot.YLabel("family accuracy (%)");
        plot.Title("Family accuracy per language (lowest first)");
        plot.Layout.Fixed(new PixelPadding(70, 20, 70, 40));
        plot.SavePng(path, Math.Max(900, 14 * languages.Length + 120), 500);
    }

    /// <summary>Reliability diagram of the family head: top-1 accuracy against top-1 confidence per bin.</summary>
    public static void Calibration(FamilyMetrics family, string path)
    {
        ArgumentNullException.ThrowIfNull(family);
        var plot = new Plot();
        var bins = family.Calibration.Where(b => b.Count > 0).ToArray();
        plot.Add.Bars(bins.Select(b => new Bar
        {
            Position = (b.Lower + b.Upper) / 2,
            Value = b.Observed,
            Size = (b.Upper - b.Lower) * 0.9,
            FillColor = Colors.SteelBlue,
        }).ToList());
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.Color = Colors.Black;
        diagonal.LineWidth = 2;
        diagonal.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.XLabel("top-1 confidence");
        plot.YLabel("top-1 accuracy");
        plot.Title($"Family calibration (ECE {Fmt(family.Ece)})");
        plot.SavePng(path, 700, 600);
    }

    /// <summary>Share of kept tokens per expert, one group of bars per MoE layer; the even share is a dashed line.</summary>
    public static void ExpertShares(ExpertLoadMetrics load, string path)
    {
        ArgumentNullException.ThrowIfNull(load);
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var l = 0; l < load.Layers; l++)
        {
            for (var e = 0; e < load.Experts; e++)
            {
                bars.Add(new Bar
                {
                    Position = (l * (load.Experts + 1)) + e,
                    Value = load.SharesPerLayer[l][e],
                    FillColor = Palette[e % Palette.Length],
                });
            }
        }

        plot.Add.Bars(bars);
        var even = plot.Add.HorizontalLine(1.0 / load.Experts);
        even.LinePattern = LinePattern.Dashed;
        even.Color = Colors.Gray;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, load.Layers).Select(l => new Tick((l * (load.Experts + 1)) + ((load.Experts - 1) / 2.0), $"MoE layer {l} (CV {Fmt(load.CvPerLayer[l])})"))]);
        for (var e = 0; e < load.Experts; e++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"expert {e}", FillColor = Palette[e % Palette.Length] });
        }

        plot.Legend.IsVisible = true;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("share of tokens");
        plot.Title($"Expert load (mean CV {Fmt(load.Cv)})");
        plot.SavePng(path, 900, 500);
    }

    /// <summary>Languages × (layer, expert) heatmap of routing shares: which experts each language uses.</summary>
    public static void RoutingByLanguage(ExpertLoadMetrics load, string path)
    {
        ArgumentNullException.ThrowIfNull(load);
        var languages = load.SharesByLanguage.Keys.ToArray();
        var slots = load.Layers * load.Experts;
        var shares = new double[Math.Max(languages.Length, 1), slots];
        for (var r = 0; r < languages.Length; r++)
        {
            var row = load.SharesByLanguage[languages[r]];
            for (var s = 0; s < slots; s++)
            {
                // Pooled shares sum to 1 over all layers; ×layers puts each layer's shares back on [0, 1].
                shares[r, s] = row[s] * load.Layers;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, slots).Select(s => new Tick(s, $"L{s / load.Experts}E{s % load.Experts}"))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. languages.Select((l, i) => new Tick(languages.Length - 1 - i, l))]);
        plot.Axes.Left.TickLabelStyle.FontSize = 9;
        plot.XLabel("MoE layer, expert");
        plot.Title("Routing share per language");
        plot.SavePng(path, 700, Math.Max(500, (12 * languages.Length) + 120));
    }

    private static void Curve(Plot plot, IReadOnlyList<CurvePoint> points, string label, Color color, float width)
    {
        if (points.Count == 0)
        {
            return;
        }

        // Start at recall 0 on the first point's precision so the line spans the axis.
        var xs = points.Select(p => p.Recall).Prepend(0).ToArray();
        var ys = points.Select(p => p.Precision).Prepend(points[0].Precision).ToArray();
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = width;
    }

    private static string Fmt(double? value) => value is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
