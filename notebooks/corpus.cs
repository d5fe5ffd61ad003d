#:package ScottPlot
// Corpus notebook: reads a corpus directory's manifest.json (from `moderation data build`) and writes
// corpus.md with bar charts of rows by language, family, category, source and origin.
// Usage: dotnet run notebooks/corpus.cs -- [CORPUS_DIR|manifest.json] [OUT_DIR] [TOP_N]
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

var input = args.Length > 0 ? args[0] : "datasets/out/corpus";
var outDir = args.Length > 1 ? args[1] : "notebooks/out/corpus";
var topN = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 25;
var manifestPath = Directory.Exists(input) ? Path.Combine(input, "manifest.json") : input;
if (!File.Exists(manifestPath))
{
    Console.Error.WriteLine($"corpus: no manifest at {manifestPath} (pass a corpus directory or its manifest.json)");
    return 1;
}

JsonElement counts;
string builder;
try
{
    using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
    counts = doc.RootElement.GetProperty("counts").Clone();
    builder = doc.RootElement.TryGetProperty("builderVersion", out var b) ? b.ToString() : "?";
}
catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
{
    Console.Error.WriteLine($"corpus: {manifestPath} is not a corpus manifest ({e.Message.Split('\n')[0]})");
    return 1;
}

Directory.CreateDirectory(outDir);
var total = counts.GetProperty("total").GetInt32();
var inappropriate = counts.GetProperty("inappropriate").GetInt32();
var md = new StringBuilder();
md.AppendLine("# Corpus").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Manifest `{manifestPath}` (builder {builder}): **{total}** rows, **{inappropriate}** inappropriate ({Share(inappropriate, total)}).").AppendLine();

var languages = Table("languages");
Section("Languages", "languages", languages.Take(topN).ToList(), $"{languages.Count} languages; the {Math.Min(topN, languages.Count)} largest:");
Section("Families", "families", Table("families"), null);
Section("Categories", "categories", Table("categories"), "A row with several labels counts once per label; `none` is a benign row.");
Section("Sources", "sources", Table("sources"), null);
Section("Real vs generated", "origin", Table("origin"), null);
Section("Splits", "splits", Table("splits"), null);

var report = Path.Combine(outDir, "corpus.md");
File.WriteAllText(report, md.ToString());
Console.WriteLine($"corpus: wrote {report}");
return 0;

List<KeyValuePair<string, int>> Table(string key) =>
    counts.TryGetProperty(key, out var t)
        ? t.EnumerateObject().Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList()
        : [];

void Section(string title, string file, List<KeyValuePair<string, int>> rows, string? note)
{
    md.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
    if (rows.Count == 0)
    {
        md.AppendLine("Not in this manifest.").AppendLine();
        return;
    }

    if (note is not null)
    {
        md.AppendLine(note).AppendLine();
    }

    var png = $"{file}.png";
    BarChart(rows, title, Path.Combine(outDir, png));
    md.AppendLine(CultureInfo.InvariantCulture, $"![{title}]({png})").AppendLine();
    md.AppendLine("| | rows | share |").AppendLine("|---|---:|---:|");
    foreach (var (name, count) in rows)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {count} | {Share(count, total)} |");
    }

    md.AppendLine();
}

static void BarChart(List<KeyValuePair<string, int>> rows, string title, string path)
{
    var plot = new Plot();
    plot.Add.Bars(rows.Select(r => (double)r.Value).ToArray());
    plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Key).ToArray());
    plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
    plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
    plot.Axes.Bottom.MinimumSize = 110;
    plot.Axes.Margins(bottom: 0);
    plot.Title(title);
    plot.YLabel("rows");
    plot.SavePng(path, Math.Max(600, 28 * rows.Count + 150), 450);
}

static string Share(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";
