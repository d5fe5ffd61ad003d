// Evaluation notebook: turns what `moderation eval` wrote into evaluation.md. The charts are eval's own
// (confusion_matrix.png, pr_curves.png, language_accuracy.png, family_calibration.png, expert_load.png,
// expert_routing_by_language.png, named in Moderation.Training's ReportPlots), copied beside the report rather
// than drawn again; the notebook adds only what eval does not write: a chosen slice's figures, the family
// diagonal count, which categories have no curve points, and the ten worst languages.
// Usage: dotnet run notebooks/evaluation.cs -- [EVAL_DIR|metrics.json] [OUT_DIR] [SLICE: all|real|synthetic]
using System.Globalization;
using System.Text;
using System.Text.Json;

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

var evalDir = Path.GetDirectoryName(Path.GetFullPath(metricsPath))!;
var root = doc.RootElement;
Directory.CreateDirectory(outDir);
var md = new StringBuilder();
md.AppendLine("# Evaluation").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"`{metricsPath}`, slice `{sliceName}`: model {Text(root, "model")}, split {Text(root, "split")}, {Text(slice, "rows")} rows. Eval's full report is `report.md` beside it.").AppendLine();
if (sliceName != "all")
{
    md.AppendLine("The charts are eval's, drawn over all rows; the figures and tables are this slice's.").AppendLine();
}

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
OtherCharts();

var report = Path.Combine(outDir, "evaluation.md");
File.WriteAllText(report, md.ToString());
Console.WriteLine($"evaluation: wrote {report}");
return 0;

void ConfusionMatrix()
{
    md.AppendLine("## Family confusion matrix").AppendLine();
    Chart("confusion_matrix.png", "Confusion matrix");
    if (!family.TryGetProperty("confusion", out var confusion) || !family.TryGetProperty("confusion_labels", out var labelsJson))
    {
        md.AppendLine("No confusion counts in this metrics.json.").AppendLine();
        return;
    }

    var labels = labelsJson.GetArrayLength();
    var rows = confusion.EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetDouble()).ToArray()).ToArray();
    var diagonal = Enumerable.Range(0, Math.Min(rows.Length, labels)).Sum(i => i < rows[i].Length ? rows[i][i] : 0);
    md.AppendLine(CultureInfo.InvariantCulture, $"{labels} families; {diagonal:0} of {rows.Sum(r => r.Sum()):0} rows on the diagonal.").AppendLine();
}

void PrecisionRecall()
{
    md.AppendLine("## Precision-recall per category").AppendLine();
    Chart("pr_curves.png", "Precision-recall curves");
    var categories = slice.TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Object ? c.EnumerateObject().ToList() : [];
    // Eval draws a curve only from the points metrics.json carries; say which categories have none rather than leave a gap.
    var withoutPoints = categories.Where(p => !HasCurvePoints(p.Value)).Select(p => p.Name).ToList();
    if (slice.TryGetProperty("inappropriate", out var any) && !HasCurvePoints(any))
    {
        withoutPoints.Add("inappropriate (any)");
    }

    if (withoutPoints.Count > 0)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"{withoutPoints.Count} categories have no curve points in metrics.json and have no curve: {string.Join(", ", withoutPoints)}.").AppendLine();
    }

    md.AppendLine("| category | average precision | precision | recall |").AppendLine("|---|---:|---:|---:|");
    foreach (var category in categories)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {category.Name} | {Number(category.Value, "average_precision")} | {Number(category.Value, "precision")} | {Number(category.Value, "recall")} |");
    }

    md.AppendLine();
}

void LanguageAccuracy()
{
    md.AppendLine("## Family accuracy per language").AppendLine();
    Chart("language_accuracy.png", "Accuracy per language");
    if (!family.TryGetProperty("per_language", out var perLanguage))
    {
        md.AppendLine("No per-language figures in this metrics.json.").AppendLine();
        return;
    }

    var languages = perLanguage.EnumerateObject()
        .Select(l => (Lang: l.Name, Rows: l.Value.TryGetProperty("rows", out var r) ? r.GetInt32() : 0, Accuracy: l.Value.TryGetProperty("accuracy", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : double.NaN))
        .Where(l => !double.IsNaN(l.Accuracy))
        .OrderBy(l => l.Accuracy).ThenBy(l => l.Lang, StringComparer.Ordinal)
        .ToList();
    md.AppendLine(CultureInfo.InvariantCulture, $"{languages.Count} languages. Worst ten:").AppendLine();
    md.AppendLine("| language | rows | accuracy |").AppendLine("|---|---:|---:|");
    foreach (var l in languages.Take(10))
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Lang} | {l.Rows} | {l.Accuracy:0.000} |");
    }

    md.AppendLine();
}

void OtherCharts()
{
    string[] others = ["family_calibration.png", "expert_load.png", "expert_routing_by_language.png"];
    var present = others.Where(png => File.Exists(Path.Combine(evalDir, png))).ToList();
    if (present.Count == 0)
    {
        return;
    }

    md.AppendLine("## Eval's other charts").AppendLine();
    present.ForEach(png => Chart(png, Path.GetFileNameWithoutExtension(png).Replace('_', ' ')));
}

// Copies eval's chart beside the report (so the report stands alone) and links it; says so when eval wrote none.
void Chart(string png, string alt)
{
    var source = Path.Combine(evalDir, png);
    if (!File.Exists(source))
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"No `{png}` beside this metrics.json: `moderation eval` draws it.").AppendLine();
        return;
    }

    var target = Path.Combine(outDir, png);
    if (!string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal))
    {
        File.Copy(source, target, overwrite: true);
    }

    md.AppendLine(CultureInfo.InvariantCulture, $"![{alt}]({png})").AppendLine();
}

static bool HasCurvePoints(JsonElement e) =>
    e.TryGetProperty("curve", out var c) && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0;

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
