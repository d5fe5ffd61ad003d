#:package ScottPlot
// Benchmarks notebook: reads bench/results/*.json (flash-sale and inference; cache and training when present)
// and writes benchmarks.md with throughput and latency charts against each benchmark's baselines.
// Usage: dotnet run notebooks/benchmarks.cs -- [RESULTS_DIR] [OUT_DIR]
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

var resultsDir = args.Length > 0 ? args[0] : "bench/results";
var outDir = args.Length > 1 ? args[1] : "notebooks/out/benchmarks";
var flashSale = Load("flash-sale.json");
var inference = Load("inference.json");
if (flashSale is null && inference is null)
{
    Console.Error.WriteLine($"benchmarks: neither flash-sale.json nor inference.json readable in {resultsDir}");
    return 1;
}

var cache = Load("cache.json");
var training = Load("training.json");
Directory.CreateDirectory(outDir);
var md = new StringBuilder();
md.AppendLine("# Benchmarks").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Results from `{resultsDir}`. Absolute figures depend on the machine each run names; the ratios against the baselines measured in the same run carry over better.").AppendLine();

if (flashSale is { } fs)
{
    md.AppendLine("## Flash sale").AppendLine();
    md.AppendLine(CultureInfo.InvariantCulture, $"Stock {N(fs, "stock")}, accepted {N(fs, "accepted")}, orders {N(fs, "orders")}, oversold {N(fs, "oversold")}, duplicate buyers {N(fs, "duplicate_buyers")}; invariants hold: {N(fs, "invariants_hold")}.").AppendLine();
    Bars("Flash sale throughput (requests/s)", "flash_sale_throughput.png", "requests/s",
        [("purchase (Redis gate)", fs, "purchase_rps"), ("trivial endpoint", fs, "trivial_rps"), ("naive (row lock)", fs, "naive_rps")]);
    Grouped("Flash sale latency (ms)", "flash_sale_latency.png", "ms", ["purchase", "trivial", "naive"], ["p50", "p95", "p99"],
        (group, series) => Get(fs, $"{group}_{series}_ms"));
    md.AppendLine(CultureInfo.InvariantCulture, $"Purchase vs trivial endpoint: {N(fs, "purchase_vs_trivial")}×; purchase vs naive: {N(fs, "purchase_vs_naive")}×.").AppendLine();
}
else
{
    md.AppendLine("## Flash sale").AppendLine().AppendLine("No flash-sale.json.").AppendLine();
}

if (inference is { } inf)
{
    md.AppendLine("## Inference").AppendLine();
    md.AppendLine(CultureInfo.InvariantCulture, $"Model: {T(inf, "model")} ({N(inf, "parameters")} parameters); {N(inf, "texts")} texts, {N(inf, "mean_tokens_per_text")} tokens each on average.").AppendLine();
    if (inf.TryGetProperty("service", out var service) && service.ValueKind == JsonValueKind.Array)
    {
        var modes = service.EnumerateArray().GroupBy(p => T(p, "mode")).ToList();
        Lines("Inference throughput vs concurrency", "inference_throughput.png", "concurrency", "texts/s",
            modes.Select(m => (m.Key, Points(m, "concurrency", "tps"))).ToList(), Get(inf, "raw_tps") is { } raw ? ("raw ONNX, best batch", raw) : null);
        Lines("Inference latency vs concurrency", "inference_latency.png", "concurrency", "ms",
            modes.SelectMany(m => new[] { ($"{m.Key} p50", Points(m, "concurrency", "p50_ms")), ($"{m.Key} p99", Points(m, "concurrency", "p99_ms")) }).ToList(), null);
    }

    if (inf.TryGetProperty("raw", out var rawRuns) && rawRuns.ValueKind == JsonValueKind.Array)
    {
        Lines("Raw model throughput vs batch size", "inference_batch.png", "batch size", "texts/s",
            [("raw ONNX", Points(rawRuns.EnumerateArray(), "batch_size", "tps"))], null);
    }

    md.AppendLine(CultureInfo.InvariantCulture, $"Service at 64 concurrent: {N(inf, "service_tps_c64")} texts/s = {N(inf, "service_over_raw_c64")}× raw and {N(inf, "service_over_batch1_c64")}× batch-1 serving; p50 at 1 concurrent {N(inf, "p50_ms_c1")} ms, p99 at 64 {N(inf, "p99_ms_c64")} ms.").AppendLine();
}
else
{
    md.AppendLine("## Inference").AppendLine().AppendLine("No inference.json.").AppendLine();
}

if (cache is { } c)
{
    md.AppendLine("## Listing cache").AppendLine();
    Bars("Listing reads (requests/s)", "cache_throughput.png", "requests/s",
        [("cached (L1+L2)", c, "cached_rps"), ("uncached (database)", c, "uncached_rps"), ("HTTP floor", c, "http_floor_rps")]);
    md.AppendLine(CultureInfo.InvariantCulture, $"L1 hit {N(c, "l1_hit_ns")} ns, L2 hit {N(c, "l2_hit_ns")} ns, database read {N(c, "db_read_ns")} ns; L1 hit ratio {N(c, "cached_l1_hit_ratio")}.").AppendLine();
}

if (training is { } t)
{
    md.AppendLine("## Training step").AppendLine();
    Bars("Training throughput (tokens/s)", "training_throughput.png", "tokens/s",
        [("dense", t, "dense_tokens_per_s"), ("MoE top-1", t, "moe_top1_tokens_per_s"), ("MoE top-2", t, "moe_top2_tokens_per_s")]);
    md.AppendLine(CultureInfo.InvariantCulture, $"MoE top-1 step time is {N(t, "moe_top1_step_time_ratio")}× the dense step ({N(t, "statistic")}).").AppendLine();
}

var report = Path.Combine(outDir, "benchmarks.md");
File.WriteAllText(report, md.ToString());
Console.WriteLine($"benchmarks: wrote {report}");
return 0;

JsonElement? Load(string name)
{
    var path = Path.Combine(resultsDir, name);
    if (!File.Exists(path))
    {
        return null;
    }

    try
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
    }
    catch (JsonException)
    {
        return null;
    }
}

void Bars(string title, string png, string yLabel, (string Label, JsonElement Source, string Key)[] items)
{
    var present = items.Where(i => Get(i.Source, i.Key) is not null).ToArray();
    if (present.Length == 0)
    {
        return;
    }

    var plot = new Plot();
    var palette = new ScottPlot.Palettes.Category10();
    plot.Add.Bars(present.Select((item, i) => new Bar { Position = i, Value = Get(item.Source, item.Key)!.Value, FillColor = palette.GetColor(i) }).ToList());
    plot.Axes.Bottom.SetTicks(Enumerable.Range(0, present.Length).Select(i => (double)i).ToArray(), present.Select(p => p.Label).ToArray());
    plot.Axes.Margins(bottom: 0);
    plot.YLabel(yLabel);
    Save(plot, title, png, 700, 420);
    md.AppendLine("| | value |").AppendLine("|---|---:|");
    foreach (var item in present)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {item.Label} | {Get(item.Source, item.Key):0.#} |");
    }

    md.AppendLine();
}

void Grouped(string title, string png, string yLabel, string[] groups, string[] series, Func<string, string, double?> value)
{
    var plot = new Plot();
    var palette = new ScottPlot.Palettes.Category10();
    var bars = new List<Bar>();
    for (var g = 0; g < groups.Length; g++)
    {
        for (var s = 0; s < series.Length; s++)
        {
            if (value(groups[g], series[s]) is { } v)
            {
                bars.Add(new Bar { Position = (g * (series.Length + 1)) + s, Value = v, FillColor = palette.GetColor(s) });
            }
        }
    }

    if (bars.Count == 0)
    {
        return;
    }

    plot.Add.Bars(bars);
    for (var s = 0; s < series.Length; s++)
    {
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s], FillColor = palette.GetColor(s) });
    }

    plot.Axes.Bottom.SetTicks(groups.Select((_, g) => (g * (series.Length + 1)) + ((series.Length - 1) / 2.0)).ToArray(), groups);
    plot.Axes.Margins(bottom: 0);
    plot.YLabel(yLabel);
    plot.ShowLegend(Alignment.UpperLeft);
    Save(plot, title, png, 700, 420);
    md.AppendLine("| | " + string.Join(" | ", series) + " |").AppendLine("|---|" + string.Concat(series.Select(_ => "---:|")));
    foreach (var group in groups)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {group} | {string.Join(" | ", series.Select(s => value(group, s) is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–"))} |");
    }

    md.AppendLine();
}

void Lines(string title, string png, string xLabel, string yLabel, List<(string Label, (double X, double Y)[] Points)> lines, (string Label, double Value)? baseline)
{
    lines = lines.Where(l => l.Points.Length > 0).ToList();
    if (lines.Count == 0)
    {
        return;
    }

    var plot = new Plot();
    foreach (var (label, points) in lines)
    {
        var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        line.LegendText = label;
    }

    if (baseline is { } b)
    {
        var h = plot.Add.HorizontalLine(b.Value);
        h.LegendText = b.Label;
        h.LinePattern = LinePattern.Dashed;
    }

    plot.XLabel(xLabel);
    plot.YLabel(yLabel);
    plot.ShowLegend(Alignment.UpperLeft);
    Save(plot, title, png, 750, 450);
}

void Save(Plot plot, string title, string png, int width, int height)
{
    plot.Title(title);
    plot.SavePng(Path.Combine(outDir, png), width, height);
    md.AppendLine(CultureInfo.InvariantCulture, $"![{title}]({png})").AppendLine();
}

static (double X, double Y)[] Points(IEnumerable<JsonElement> rows, string x, string y) =>
    rows.Select(r => (X: Get(r, x), Y: Get(r, y))).Where(p => p.X is not null && p.Y is not null).Select(p => (p.X!.Value, p.Y!.Value)).OrderBy(p => p.Item1).ToArray();

static double? Get(JsonElement e, string key) =>
    e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

static string N(JsonElement e, string key) =>
    !e.TryGetProperty(key, out var v) ? "?"
    : v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.###", CultureInfo.InvariantCulture)
    : v.ToString();

static string T(JsonElement e, string key) => e.TryGetProperty(key, out var v) ? v.ToString() : "?";
