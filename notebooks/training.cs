#:package ScottPlot
// Training notebook: reads one run of an MLflow file store (mlruns/<experiment>/<run>/metrics/<key>, lines
// "timestamp value step") and writes training.md with loss, validation, expert-load and temperature curves.
// Usage: dotnet run notebooks/training.cs -- [RUN_DIR|MLRUNS_DIR] [OUT_DIR]
// Given a store rather than a run, it takes the run whose metrics changed last.
using System.Globalization;
using System.Text;
using ScottPlot;

var input = args.Length > 0 ? args[0] : "mlruns";
var outDir = args.Length > 1 ? args[1] : "notebooks/out/training";
var runDir = FindRun(input);
if (runDir is null)
{
    Console.Error.WriteLine($"training: no MLflow run (a directory with metrics/) at or under {input}");
    return 1;
}

var metricsDir = Path.Combine(runDir, "metrics");
Dictionary<string, List<(long Step, double Value)>> series;
try
{
    series = Directory.EnumerateFiles(metricsDir, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(metricsDir, f).Replace(Path.DirectorySeparatorChar, '/'), ReadSeries, StringComparer.Ordinal);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"training: {metricsDir} holds a line that is not \"timestamp value step\" ({e.Message})");
    return 1;
}
Directory.CreateDirectory(outDir);
var runName = ReadRunName(runDir);
var md = new StringBuilder();
md.AppendLine("# Training run").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Run `{runName}` from `{runDir}`: {series.Count} metrics, last step {series.Values.SelectMany(s => s).Select(p => p.Step).DefaultIfEmpty(0).Max()}.").AppendLine();

Figure("Training loss", "loss", "step", ["loss", "loss_family", "loss_categories", "loss_aux", "val_loss"]);
Figure("Validation metrics", "validation", "step", ["val_family_accuracy", "val_inappropriate_precision", "val_inappropriate_recall"]);
Figure("Expert load over time", "expert_load", "step", series.Keys.Where(k => k.StartsWith("expert_share.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
Figure("Expert load imbalance (coefficient of variation)", "expert_load_cv", "step", ["expert_load_cv", "step_expert_load_cv", "val_expert_load_cv"]);
Figure("Temperature schedules", "temperature", "step", ["router_temperature", "language_temperature"]);
Figure("Learning rate and gradient norm", "optimizer", "step", ["lr", "grad_norm"]);

md.AppendLine("## Last values").AppendLine().AppendLine("| metric | step | value |").AppendLine("|---|---:|---:|");
foreach (var (key, points) in series.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Value.Count > 0))
{
    md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {points[^1].Step} | {points[^1].Value:0.####} |");
}

var report = Path.Combine(outDir, "training.md");
File.WriteAllText(report, md.ToString());
Console.WriteLine($"training: wrote {report}");
return 0;

void Figure(string title, string file, string xLabel, string[] keys)
{
    var present = keys.Where(k => series.TryGetValue(k, out var s) && s.Count > 0).ToArray();
    md.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
    if (present.Length == 0)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"Not logged in this run (looked for {string.Join(", ", keys.Select(k => $"`{k}`"))}).").AppendLine();
        return;
    }

    var plot = new Plot();
    foreach (var key in present)
    {
        var points = series[key];
        var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Value).ToArray());
        line.LegendText = key;
        line.MarkerSize = points.Count > 50 ? 0 : 4;
    }

    plot.Title(title);
    plot.XLabel(xLabel);
    plot.ShowLegend(Alignment.UpperRight);
    var png = $"{file}.png";
    plot.SavePng(Path.Combine(outDir, png), 800, 450);
    md.AppendLine(CultureInfo.InvariantCulture, $"![{title}]({png})").AppendLine();
    md.AppendLine(string.Join(", ", present.Select(k => $"`{k}` {series[k].Count} points"))).AppendLine();
}

static List<(long Step, double Value)> ReadSeries(string path) =>
    File.ReadLines(path)
        .Where(line => line.Length > 0)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(parts => parts.Length == 3
            ? (Step: long.Parse(parts[2], CultureInfo.InvariantCulture), Value: double.Parse(parts[1], CultureInfo.InvariantCulture))
            : throw new FormatException($"{Path.GetFileName(path)}: {parts.Length} fields"))
        .Where(p => double.IsFinite(p.Value))
        .OrderBy(p => p.Step)
        .ToList();

static string? FindRun(string path)
{
    if (!Directory.Exists(path))
    {
        return null;
    }

    if (Directory.Exists(Path.Combine(path, "metrics")))
    {
        return path;
    }

    // A store (mlruns/<experiment>/<run>) or one experiment (<experiment>/<run>): newest run wins.
    return Directory.EnumerateDirectories(path)
        .SelectMany(d => Directory.Exists(Path.Combine(d, "metrics")) ? [d] : Directory.EnumerateDirectories(d))
        .Where(d => Directory.Exists(Path.Combine(d, "metrics")) && Directory.EnumerateFiles(Path.Combine(d, "metrics")).Any())
        .OrderByDescending(d => Directory.EnumerateFiles(Path.Combine(d, "metrics")).Max(File.GetLastWriteTimeUtc))
        .FirstOrDefault();
}

static string ReadRunName(string runDir)
{
    var meta = Path.Combine(runDir, "meta.yaml");
    var line = File.Exists(meta) ? File.ReadLines(meta).FirstOrDefault(l => l.StartsWith("run_name:", StringComparison.Ordinal)) : null;
    return line is null ? Path.GetFileName(runDir) : line["run_name:".Length..].Trim().Trim('\'');
}
