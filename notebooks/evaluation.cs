#:package ScottPlot
// Evaluation notebook: reads the metrics.json that `moderation eval` writes and produces evaluation.md with
// the family confusion matrix, per-category precision-recall curves and per-language accuracy.
// Usage: dotnet run notebooks/evaluation.cs -- [EVAL_DIR|metrics.json] [OUT_DIR] [SLICE: all|real|synthetic]
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

var input = args.Length > 0 ? args[0] : "bench/results/model";
var outDir = args.Length > 1 ? args[1] : "notebooks/out/evaluation";
var sliceName = args.Length > 2 ? args[2] : "all";
var metricsPath = Directory.Exists(input) ? Path.Combine(input, "metrics.json") : input;
if (!File.Exists(metricsPath))
{
    Console.Error.WriteLine($"evaluation: no metrics.json at {metricsPath} (pass an eval directory or its metrics.json)");
    return 1;
}

using var doc = ParseOrNull(metricsPath);
if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(sliceName, out var slice) || slice.ValueKind != JsonValueKind.Object || !slice.TryGetProperty("family", out var family))
{
    Console.Error.WriteLine($"evaluation: {metricsPath} has no `{sliceName}.family` section (is it an eval metrics.json?)");
    return 1;
}

var root = doc.RootElement;
Directory.CreateDirectory(outDir);
var md = new StringBuilder();
md.AppendLine("# Evaluation").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"`{metricsPath}`, slice `{sliceName}`: model {Text(root, "model")}, split {Text(root, "split")}, {Text(slice, "rows")} rows.").AppendLine();
md.AppendLine("| figure | value |").AppendLine("|---|---:|");
md.AppendLine(CultureInfo.InvariantCulture, $"| family accuracy | {Number(family, "accuracy")} |");
md.AppendLine(CultureInfo.InvariantCulture, $"| family macro F1 | {Number(family, "macro_f1")} |");
if (slice.TryGetProperty("inappropriate", out var inappropriate))
{
    md.AppendLine(CultureInfo.InvariantCulture, $"| inappropriate precision | {Number(inappropriate, "precision")} |");
    md.AppendLine(CultureInfo.InvariantCulture, $"| inappropriate recall | {Number(inappropriate, "recall")} |");
    md.AppendLine(CultureInfo.InvariantCulture, $"| inappropriate average precision | {Number(inappropriate, "average_precision")} |");
}

md.AppendLine();
ConfusionMatrix();
PrecisionRecall();
LanguageAccuracy();

var report = Path.Combine(outDir, "evaluation.md");
File.WriteAllText(report, md.ToString());
Console.WriteLine($"evaluation: wrote {report}");
return 0;

void ConfusionMatrix()
{
    md.AppendLine("## Family confusion matrix").AppendLine();
    if (!family.TryGetProperty("confusion", out var confusion) || !family.TryGetProperty("confusion_labels", out var labelsJson))
    {
        md.AppendLine("Not in this metrics.json.").AppendLine();
        return;
    }

    var labels = labelsJson.EnumerateArray().Select(l => l.GetString() ?? "?").ToArray();
    var rows = confusion.EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetDouble()).ToArray()).ToArray();
    // Rows normalised to recall so that small families are as readable as large ones.
    var cells = new double[rows.Length, labels.Length];
    for (var i = 0; i < rows.Length; i++)
    {
        var sum = rows[i].Sum();
        for (var j = 0; j < labels.Length && j < rows[i].Length; j++)
        {
            cells[i, j] = sum == 0 ? 0 : rows[i][j] / sum;
        }
    }

    var plot = new Plot();
    var heatmap = plot.Add.Heatmap(cells);
    heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
    plot.Add.ColorBar(heatmap);
    var positions = Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray();
    plot.Axes.Bottom.SetTicks(positions, labels);
    plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
    plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
    plot.Axes.Bottom.MinimumSize = 110;
    // Heatmap row 0 is drawn at the top.
    plot.Axes.Left.SetTicks(positions.Select(p => rows.Length - 1 - p).ToArray(), labels);
    plot.Title("Family confusion (row-normalised: true family → predicted)");
    Save(plot, "confusion_matrix.png", "Confusion matrix", 900, 800);
    var diagonal = Enumerable.Range(0, Math.Min(rows.Length, labels.Length)).Sum(i => rows[i][i]);
    md.AppendLine(CultureInfo.InvariantCulture, $"{labels.Length} families; {diagonal:0} of {rows.Sum(r => r.Sum()):0} rows on the diagonal.").AppendLine();
}

void PrecisionRecall()
{
    md.AppendLine("## Precision-recall per category").AppendLine();
    var curves = new List<(string Name, double[] Recall, double[] Precision, string Ap)>();
    if (slice.TryGetProperty("categories", out var categories))
    {
        foreach (var category in categories.EnumerateObject())
        {
            curves.Add(Curve(category.Name, category.Value));
        }
    }

    if (slice.TryGetProperty("inappropriate", out var any))
    {
        curves.Add(Curve("inappropriate (any)", any));
    }

    var plotted = curves.Where(c => c.Recall.Length > 0).ToList();
    if (plotted.Count == 0)
    {
        md.AppendLine("This metrics.json carries no curve points (`curve`), so no curves are drawn; the per-category figures follow.").AppendLine();
    }
    else
    {
        var plot = new Plot();
        foreach (var (name, recall, precision, ap) in plotted)
        {
            var line = plot.Add.Scatter(recall, precision);
            line.LegendText = $"{name} (AP {ap})";
            line.MarkerSize = 0;
        }

        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.XLabel("recall");
        plot.YLabel("precision");
        plot.Title("Precision-recall curves");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, "pr_curves.png", "Precision-recall curves", 800, 550);
        var missing = curves.Count - plotted.Count;
        if (missing > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"{missing} categories have no curve points and are not drawn.").AppendLine();
        }
    }

    md.AppendLine("| category | average precision | precision | recall |").AppendLine("|---|---:|---:|---:|");
    if (slice.TryGetProperty("categories", out var table))
    {
        foreach (var c in table.EnumerateObject())
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Name} | {Number(c.Value, "average_precision")} | {Number(c.Value, "precision")} | {Number(c.Value, "recall")} |");
        }
    }

    md.AppendLine();
}

void LanguageAccuracy()
{
    md.AppendLine("## Family accuracy per language").AppendLine();
    if (!family.TryGetProperty("per_language", out var perLanguage))
    {
        md.AppendLine("Not in this metrics.json.").AppendLine();
        return;
    }

    var languages = perLanguage.EnumerateObject()
        .Select(l => (Lang: l.Name, Rows: l.Value.TryGetProperty("rows", out var r) ? r.GetInt32() : 0, Accuracy: l.Value.TryGetProperty("accuracy", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : double.NaN))
        .Where(l => !double.IsNaN(l.Accuracy))
        .OrderBy(l => l.Accuracy).ThenBy(l => l.Lang, StringComparer.Ordinal)
        .ToList();
    var plot = new Plot();
    var bars = plot.Add.Bars(languages.Select(l => l.Accuracy).ToArray());
    bars.Horizontal = true;
    plot.Axes.Left.SetTicks(Enumerable.Range(0, languages.Count).Select(i => (double)i).ToArray(), languages.Select(l => l.Lang).ToArray());
    plot.Axes.SetLimitsX(0, 1);
    plot.XLabel("family accuracy");
    plot.Title("Family accuracy per language (worst first)");
    Save(plot, "language_accuracy.png", "Accuracy per language", 700, Math.Max(400, 14 * languages.Count + 120));
    md.AppendLine(CultureInfo.InvariantCulture, $"{languages.Count} languages. Worst ten:").AppendLine();
    md.AppendLine("| language | rows | accuracy |").AppendLine("|---|---:|---:|");
    foreach (var l in languages.Take(10))
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Lang} | {l.Rows} | {l.Accuracy:0.000} |");
    }

    md.AppendLine();
}

void Save(Plot plot, string png, string alt, int width, int height)
{
    plot.SavePng(Path.Combine(outDir, png), width, height);
    md.AppendLine(CultureInfo.InvariantCulture, $"![{alt}]({png})").AppendLine();
}

static (string, double[], double[], string) Curve(string name, JsonElement e)
{
    var points = e.TryGetProperty("curve", out var c) && c.ValueKind == JsonValueKind.Array
        ? c.EnumerateArray().Where(p => p.GetProperty("precision").ValueKind == JsonValueKind.Number && p.GetProperty("recall").ValueKind == JsonValueKind.Number)
            .Select(p => (Recall: p.GetProperty("recall").GetDouble(), Precision: p.GetProperty("precision").GetDouble())).OrderBy(p => p.Recall).ToList()
        : [];
    return (name, points.Select(p => p.Recall).ToArray(), points.Select(p => p.Precision).ToArray(), Number(e, "average_precision"));
}

static string Number(JsonElement e, string key) =>
    e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.000", CultureInfo.InvariantCulture) : "–";

static string Text(JsonElement e, string key) => e.TryGetProperty(key, out var v) ? v.ToString() : "?";

static JsonDocument? ParseOrNull(string path)
{
    try
    {
        return JsonDocument.Parse(File.ReadAllText(path));
    }
    catch (JsonException)
    {
        return null;
    }
}
