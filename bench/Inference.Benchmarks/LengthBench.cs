using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Moderation.Text;
using Spectre.Console;

namespace Inference.Benchmarks;

/// <summary>
/// What whole-text verdicts cost (<c>--lengths</c>): the service (own process, MaxBatch 64) scoring short reviews
/// against 2,000-character ones (the marketplace's limit: short reviews joined until 2,000 characters, so it is read
/// in windows and sentence by sentence), one text per request, at concurrency 1 and 8, in the same run.
/// Writes bench/results/inference-lengths.{md,json}.
/// </summary>
public static class LengthBench
{
    private const int LongChars = 2000;
    private static readonly int[] Concurrency = [1, 8];

    public static async Task RunAsync(string bundle, IReadOnlyList<string> texts, double seconds, string outDirectory, IReadOnlyDictionary<string, string> machine)
    {
        var shortTexts = texts.Where(t => t.Length is > 0 and <= 200).ToList();
        var longTexts = Enumerable.Range(0, 64).Select(i => Join(shortTexts, i * 37)).ToList();
        var tokenizer = XlmrTokenizer.Load(Path.Combine(bundle, "tokenizer.model"));
        var maxTokens = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "labels.json")))!["maxTokens"]!.GetValue<int>();
        double Rows(IEnumerable<string> set) => set.Average(t => TextSegmenter.Segment(tokenizer, TextNormalizer.Normalize(t), new SegmentationPolicy(maxTokens)).Rows.Count);

        var results = new List<(string Kind, double Chars, double Rows, int Concurrency, Percentiles Result)>();
        await using (var host = await ServiceHost.StartAsync(bundle, 64))
        {
            foreach (var (kind, set) in new[] { ("short", shortTexts), ("2000 chars", longTexts) })
            {
                var rows = Rows(set);
                foreach (var c in Concurrency)
                {
                    var (result, _) = await ServiceLoad.RunAsync(host.Address, set, c, seconds);
                    results.Add((kind, set.Average(t => t.Length), rows, c, result));
                    AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"{kind,-10} c={c}: {result.TextsPerSecond,7:F1} texts/s  p50 {result.P50Ms,8:F2} ms  p99 {result.P99Ms,8:F2} ms  {rows:F1} rows/text");
                }
            }
        }

        Write(bundle, seconds, outDirectory, machine, results);
    }

    private static string Join(IReadOnlyList<string> texts, int start)
    {
        var sb = new StringBuilder();
        for (var i = start; sb.Length < LongChars; i++)
        {
            sb.Append(texts[i % texts.Count].Trim()).Append(". ");
        }

        return sb.ToString(0, LongChars);
    }

    private static void Write(string bundle, double seconds, string outDirectory, IReadOnlyDictionary<string, string> machine,
        List<(string Kind, double Chars, double Rows, int Concurrency, Percentiles Result)> results)
    {
        double Ratio(Func<Percentiles, double> figure, int c) =>
            figure(results.Single(r => r.Kind != "short" && r.Concurrency == c).Result) / figure(results.Single(r => r.Kind == "short" && r.Concurrency == c).Result);
        var json = new JsonObject
        {
            ["bundle"] = bundle,
            ["phase_seconds"] = seconds,
            ["machine"] = new JsonObject(machine.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["load_average_after"] = MachineInfo.LoadAverage(),
            ["long_over_short_p50_c1"] = Math.Round(Ratio(p => p.P50Ms, 1), 2),
            ["short_over_long_tps_c8"] = Math.Round(1 / Ratio(p => p.TextsPerSecond, 8), 2),
            ["phases"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["texts"] = r.Kind, ["mean_chars"] = Math.Round(r.Chars, 1), ["rows_per_text"] = Math.Round(r.Rows, 2), ["concurrency"] = r.Concurrency,
                ["tps"] = Math.Round(r.Result.TextsPerSecond, 1), ["p50_ms"] = Math.Round(r.Result.P50Ms, 2), ["p99_ms"] = Math.Round(r.Result.P99Ms, 2),
            })]),
        };

        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# What a whole-text verdict costs: 2,000-character reviews against short ones").AppendLine();
        md.AppendLine("Written by `dotnet run -c Release --project bench/Inference.Benchmarks -- --lengths [--bundle DIR]` (a load generator, not a timed test).");
        md.AppendLine(inv, $"The service in its own process (MaxBatch 64) on `{bundle}`, one text per request, closed loop for {seconds} s per phase after a 1 s warm-up; short = corpus test texts of at most 200 characters, 2000 chars = such texts joined until 2,000 characters (the marketplace's review limit), read in half-overlapping 128-token windows and sentence by sentence.").AppendLine();
        md.AppendLine("| texts | mean chars | rows per text | concurrency | texts/s | p50 ms | p99 ms |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            md.AppendLine(inv, $"| {r.Kind} | {r.Chars:F0} | {r.Rows:F1} | {r.Concurrency} | {r.Result.TextsPerSecond:F1} | {r.Result.P50Ms:F2} | {r.Result.P99Ms:F2} |");
        }

        md.AppendLine().AppendLine(inv, $"A 2,000-character review takes {Ratio(p => p.P50Ms, 1):F1}× the median latency of a short one alone (concurrency 1); at concurrency 8 the service scores {1 / Ratio(p => p.TextsPerSecond, 8):F1}× as many short reviews per second as long ones.");
        md.AppendLine().AppendLine("Machine: " + string.Join(", ", machine.Select(kv => $"{kv.Key} {kv.Value}")) + $"; load average after the run {MachineInfo.LoadAverage()}.");
        ResultFiles.Write(outDirectory, "inference-lengths", json, md.ToString());
    }
}
