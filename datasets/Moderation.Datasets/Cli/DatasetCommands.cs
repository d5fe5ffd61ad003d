using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Moderation.Datasets.Building;
using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;
using Moderation.Datasets.Tokenization;
using Moderation.Text;
using Spectre.Console;

namespace Moderation.Datasets.Cli;

/// <summary>The corpus and tokenizer commands of the `moderation` CLI.</summary>
public static class DatasetCommands
{
    public static IEnumerable<Command> Create() => [DataCommand(), TokenizerCommand()];

    private static Command DataCommand()
    {
        var outOption = new Option<string>("--out") { Description = "Output directory for the corpus", Required = true };
        var sourcesOption = new Option<string?>("--sources") { Description = "Sources file (default: datasets/sources.json found above the current directory)" };
        var build = new Command("build", "Build the moderation corpus: JSONL splits, manifest.json and DATA_CARD.md") { outOption, sourcesOption };
        build.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var sourcesPath = parse.GetValue(sourcesOption) ?? FindDefaultSources()
                    ?? throw new BuildException("no sources file found (datasets/sources.json); pass --sources FILE");
                var sources = SourcesFile.Load(sourcesPath);
                var clock = Stopwatch.StartNew();
                CorpusManifest? manifest = null;
                await AnsiConsole.Status().StartAsync("building corpus", async ctx =>
                {
                    var builder = new CorpusBuilder(sources, LanguageTable.Default, message => Report(ctx, message));
                    manifest = await builder.BuildAsync(parse.GetValue(outOption)!, cancellationToken);
                });
                Summary(manifest!, clock.Elapsed);
                return 0;
            }
            catch (Exception e) when (e is BuildException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return new Command("data", "Corpus commands") { build };
    }

    private static Command TokenizerCommand()
    {
        var corpus = new Option<string>("--corpus") { Description = "Corpus directory (reads train.jsonl)", Required = true };
        var vocab = new Option<int>("--vocab-size") { Description = "Vocabulary size including <s> <pad> </s> <unk> and <mask>", DefaultValueFactory = _ => 12000 };
        var output = new Option<string>("--out") { Description = "Output SentencePiece model file", Required = true };
        var coverage = new Option<double>("--character-coverage") { Description = "Share of character occurrences the base alphabet covers; the rest use byte fallback", DefaultValueFactory = _ => 0.9995 };
        var sentences = new Option<int>("--max-sentences") { Description = "Training sentences sampled from the corpus", DefaultValueFactory = _ => 40000 };
        var train = new Command("train", "Train a SentencePiece-compatible Unigram tokenizer on a corpus") { corpus, vocab, output, coverage, sentences };
        train.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var options = new UnigramTrainerOptions
                {
                    VocabSize = parse.GetValue(vocab),
                    CharacterCoverage = parse.GetValue(coverage),
                    MaxSentences = parse.GetValue(sentences),
                };
                var clock = Stopwatch.StartNew();
                var texts = UnigramTrainer.ReadCorpus(parse.GetValue(corpus)!);
                UnigramModel? model = null;
                AnsiConsole.Status().Start("training tokenizer", ctx =>
                {
                    model = new UnigramTrainer(options, message => Report(ctx, message)).Train(texts);
                });
                var path = parse.GetValue(output)!;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await File.WriteAllBytesAsync(path, SentencePieceModelWriter.Write(model!, options), cancellationToken);
                var check = XlmrTokenizer.Load(path);
                var sample = texts.Take(2000).Select(t => check.EncodePieces(TextNormalizer.Normalize(t)).Count).ToList();
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                    $"wrote [green]{Markup.Escape(path)}[/]: {model!.Pieces.Count} pieces, {check.VocabularySize} ids, {clock.Elapsed.TotalSeconds:F1} s; " +
                    $"{sample.DefaultIfEmpty().Average():F1} tokens per row on the first {sample.Count} train rows");
                return 0;
            }
            catch (Exception e) when (e is BuildException or IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return new Command("tokenizer", "Tokenizer commands") { train };
    }

    // A spinner line for the current step on a terminal, and a log line per step everywhere.
    private static void Report(StatusContext ctx, string message)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            ctx.Status(Markup.Escape(message));
        }

        AnsiConsole.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
    }

    private static string? FindDefaultSources()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "datasets", "sources.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Summary(CorpusManifest manifest, TimeSpan elapsed)
    {
        var table = new Table().AddColumns("split", "rows", "inappropriate", "real", "synthetic");
        foreach (var (split, counts) in manifest.CountsBySplit)
        {
            table.AddRow(split, Num(counts.Total), Num(counts.Inappropriate), Num(counts.Origin.GetValueOrDefault("real")), Num(counts.Origin.GetValueOrDefault("synthetic")));
        }

        AnsiConsole.Write(table);
        var categories = new Table().AddColumns("category", "rows");
        foreach (var (category, n) in manifest.Counts.Categories)
        {
            categories.AddRow(category, Num(n));
        }

        AnsiConsole.Write(categories);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            $"{manifest.Counts.Total} rows, {manifest.Counts.Languages.Count} languages, {manifest.Counts.Families.Count} families; dropped {manifest.Dropped.Values.Sum(r => r.Values.Sum())}; built in {elapsed.TotalSeconds:F1} s");
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
