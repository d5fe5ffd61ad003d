using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Tests.Sources;

public class TableAdapterTests
{
    private readonly string _dir = TestPaths.TempDirectory();

    private (TableAdapter Adapter, SourcesFile Sources) Adapter()
    {
        var sources = new SourcesFile { Root = _dir };
        return (new TableAdapter(sources, LanguageTable.Default), sources);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return name;
    }

    [Fact]
    public void Reads_csv_with_quotes_multiline_fields_and_a_language_column()
    {
        var file = Write("jigsaw.csv", "id,comment_text,lang,toxic\n0,\"Hola, qué tal\",es,0\n1,\"line one\nline \"\"two\"\"\",it,1\n2,short row\n");
        var spec = new SourceSpec
        {
            Id = "j", Kind = "table", Path = file, Format = "csv", Text = "comment_text", LangColumn = "lang",
            Labels = [new LabelRule { Column = "toxic", Map = new Dictionary<string, IReadOnlyList<string>> { ["0"] = [], ["1"] = ["abuse"] } }],
        };
        var malformed = new MalformedCounter();
        var rows = Adapter().Adapter.Read(spec, malformed).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(("Hola, qué tal", "es"), (rows[0].Text, rows[0].Lang));
        Assert.Empty(rows[0].Labels);
        Assert.Equal("line one\nline \"two\"", rows[1].Text);
        Assert.Equal(["abuse"], rows[1].Labels);
        Assert.Equal(1, malformed.Count("j", "wrong column count"));
    }

    [Fact]
    public void Reads_tsv_without_header_or_quote_handling_and_replaces_line_break_tokens()
    {
        var file = Write("off.tsv", "1\t\"stray quote here\tNOT\n2\tfirst<LF>second\tOFF\n3\t\tNOT\n");
        var spec = new SourceSpec
        {
            Id = "o", Kind = "table", Path = file, Format = "tsv", Header = false, Text = "1", Lang = "ar", LineBreakToken = "<LF>",
            Labels = [new LabelRule { Column = "2", Map = new Dictionary<string, IReadOnlyList<string>> { ["NOT"] = [], ["OFF"] = ["abuse"] } }],
        };
        var malformed = new MalformedCounter();
        var rows = Adapter().Adapter.Read(spec, malformed).ToList();

        Assert.Equal(["\"stray quote here", "first\nsecond"], rows.Select(r => r.Text));
        Assert.All(rows, r => Assert.Equal("ar", r.Lang));
        Assert.Equal(["abuse"], rows[1].Labels);
        Assert.Equal(1, malformed.Count("o", "empty text"));
    }

    [Fact]
    public void Reads_jsonl_with_numeric_threshold_rules_and_counts_bad_lines()
    {
        var file = Write("told.jsonl", "{\"text\":\"obscene one\",\"obscene\":2,\"insult\":0}\nnot json\n{\"text\":\"clean one\",\"obscene\":0,\"insult\":0}\n{\"text\":\"both\",\"obscene\":1,\"insult\":3}\n");
        var spec = new SourceSpec
        {
            Id = "t", Kind = "table", Path = file, Text = "text", Lang = "pt-BR",
            Labels =
            [
                new LabelRule { Column = "obscene", GreaterThan = 0, Categories = ["sexual"] },
                new LabelRule { Column = "insult", GreaterThan = 0, Categories = ["abuse"] },
            ],
        };
        var malformed = new MalformedCounter();
        var rows = Adapter().Adapter.Read(spec, malformed).ToList();

        Assert.Equal([["sexual"], [], ["abuse", "sexual"]], rows.Select(r => r.Labels.ToArray()));
        Assert.All(rows, r => Assert.Equal("pt", r.Lang));
        Assert.Equal(1, malformed.Count("t", "unparseable line"));
    }

    [Fact]
    public void An_unknown_language_fails_naming_the_file_and_row()
    {
        var file = Write("langs.tsv", "text\tlang\nhello there\ten\nbonjour\tklingon\n");
        var spec = new SourceSpec { Id = "l", Kind = "table", Path = file, Text = "text", LangColumn = "lang" };
        var e = Assert.Throws<BuildException>(() => Adapter().Adapter.Read(spec, new MalformedCounter()).ToList());
        Assert.Contains("langs.tsv:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("klingon", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_value_fails_naming_the_file_and_row()
    {
        var file = Write("labels.tsv", "text\tlabel\nfine text\tNOT\nodd text\tMAYBE\n");
        var spec = new SourceSpec
        {
            Id = "x", Kind = "table", Path = file, Text = "text", Lang = "en",
            Labels = [new LabelRule { Column = "label", Map = new Dictionary<string, IReadOnlyList<string>> { ["NOT"] = [], ["OFF"] = ["abuse"] } }],
        };
        var e = Assert.Throws<BuildException>(() => Adapter().Adapter.Read(spec, new MalformedCounter()).ToList());
        Assert.Contains("labels.tsv:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("MAYBE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_category_in_the_mapping_fails()
    {
        var file = Write("c.tsv", "text\tlabel\nfine text\tNOT\n");
        var spec = new SourceSpec
        {
            Id = "c", Kind = "table", Path = file, Text = "text", Lang = "en",
            Labels = [new LabelRule { Column = "label", Map = new Dictionary<string, IReadOnlyList<string>> { ["NOT"] = ["rudeness"] } }],
        };
        var e = Assert.Throws<BuildException>(() => Adapter().Adapter.Read(spec, new MalformedCounter()).ToList());
        Assert.Contains("rudeness", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcard_paths_list_files_in_order_and_absent_files_list_nothing()
    {
        Write("b_1.tsv", "x");
        Write("a_1.tsv", "x");
        var (adapter, _) = Adapter();
        Assert.Equal(["a_1.tsv", "b_1.tsv"], adapter.Files(new SourceSpec { Id = "w", Kind = "table", Path = "*_1.tsv" }).Select(Path.GetFileName));
        Assert.Empty(adapter.Files(new SourceSpec { Id = "m", Kind = "table", Path = "missing/file.tsv" }));
    }
}
