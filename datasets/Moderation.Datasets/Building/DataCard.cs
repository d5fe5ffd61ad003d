using System.Globalization;
using System.Text;
using ScottPlot;

namespace Moderation.Datasets.Building;

/// <summary>DATA_CARD.md with PNG charts: what the corpus holds, what is real and what is generated.</summary>
public static class DataCard
{
    public static void Write(string outDirectory, CorpusManifest manifest)
    {
        var charts = Path.Combine(outDirectory, "charts");
        Directory.CreateDirectory(charts);
        var counts = manifest.Counts;
        Bars(Path.Combine(charts, "families.png"), "Rows per language family", [.. counts.Families.Keys], [.. counts.Families.Values.Select(v => (double)v)]);
        var categories = Categories(manifest);
        Stacked(Path.Combine(charts, "categories.png"), "Rows per category: real vs synthetic", categories);
        Bars(Path.Combine(charts, "splits.png"), "Rows per split", [.. Corpus.Splits.All], [.. Corpus.Splits.All.Select(s => (double)counts.Splits.GetValueOrDefault(s))]);

        var md = new StringBuilder();
        md.Append("# Data card: moderation corpus\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Builder {manifest.BuilderVersion}. {counts.Total} rows, {counts.Inappropriate} inappropriate; ");
        md.Append(CultureInfo.InvariantCulture, $"{counts.Origin.GetValueOrDefault("real")} real, {counts.Origin.GetValueOrDefault("synthetic")} synthetic.\n\n");
        md.Append("## What is real and what is generated\n\n");
        md.Append("- **Real** rows are text written by people outside this project: the UDHR translations (benign; one row per paragraph, long paragraphs split into sentences) and the labelled corpora listed below, with their own labels mapped to this taxonomy.\n");
        md.Append("- **Synthetic** rows (`source: synthetic`) come from this project's phrasebook generator: marketplace reviews (benign, scam, spam, personal_info) written as templates for this project, and abusive/sexual reviews built by inserting entries of the `naughty-words` profanity lexicon into insult and solicitation templates, plus abusive reviews built from the phrasebook's everyday insults (idiot, loser and their equivalents in each language) in insult and threat templates; the benign reviews include complaints (a used code, a slow seller, a refund request), so that anger alone is not abuse. The lexicon lists words, not sentences, and does not say which entries are sexual: the template decides the label. About a third of the generated inappropriate rows carry an evasion (spacing, dots, leetspeak, homoglyphs, zero-width characters, full-width forms); where cleaning changed the text, the raw form is kept in `original`.\n");
        md.Append("- No real dataset here labels marketplace scams, off-platform contact or personal information, so those categories are synthetic only: metrics on them measure the templates as much as the model.\n\n");
        md.Append("## Sources\n\n| id | origin | status | rows read | after cleaning and sampling | train only | in corpus | licence | provenance |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var s in manifest.Sources)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {s.Id} | {s.Origin} | {s.Status} | {s.RowsRead} | {s.RowsKept} | {s.RowsTrainOnly} | {counts.Sources.GetValueOrDefault(s.Id)} | {s.License} | {s.Provenance}{(s.Package is null ? "" : $" ({s.Package})")} |\n");
        }

        md.Append("\n## Counts\n\n![families](charts/families.png)\n\n![categories](charts/categories.png)\n\n![splits](charts/splits.png)\n\n");
        md.Append("| split | rows | inappropriate | real | synthetic |\n|---|---|---|---|---|\n");
        foreach (var (split, table) in manifest.CountsBySplit)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {split} | {table.Total} | {table.Inappropriate} | {table.Origin.GetValueOrDefault("real")} | {table.Origin.GetValueOrDefault("synthetic")} |\n");
        }

        md.Append("\n| category | real | synthetic |\n|---|---|---|\n");
        foreach (var (category, real, synthetic) in categories)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {category} | {real} | {synthetic} |\n");
        }

        md.Append("\n| family | rows |\n|---|---|\n");
        foreach (var (family, n) in counts.Families)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {family} | {n} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\nLanguages: {counts.Languages.Count} ({string.Join(", ", counts.Languages.Select(kv => $"{kv.Key} {kv.Value}"))}).\n");
        md.Append("\n## Cleaning and splits\n\n");
        md.Append("Unicode NFKC; zero-width and control characters removed; whitespace collapsed; mentions → `@USER`, links → `URL`; ");
        md.Append(CultureInfo.InvariantCulture, $"length {manifest.Settings.MinChars}–{manifest.Settings.MaxChars} characters; rows that are mostly symbols dropped; exact duplicates (case-folded letters and digits) and near-duplicates (MinHash, Jaccard ≥ {manifest.Settings.NearDuplicateThreshold.ToString(CultureInfo.InvariantCulture)}) removed. ");
        md.Append(CultureInfo.InvariantCulture, $"At most {manifest.Settings.CapPerSourceLanguage} rows per source and language, a deterministic label-balanced sample. ");
        if (manifest.Settings.TrainOnlyPerSourceLanguage > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"Each labelled table source adds up to {manifest.Settings.TrainOnlyPerSourceLanguage} more rows per language, sampled the same way from what the cap left out, to the train split only, where they near-duplicate no other row: validation and test are the rows the cap alone gives. ");
        }

        md.Append("Splits are stratified by source, language and label set and dealt by the SHA-256 of the normalised text; a leakage check (exact and near-duplicate) runs on every build.\n\n");
        md.Append("## Dropped rows\n\n| source | reason | rows |\n|---|---|---|\n");
        foreach (var (source, reasons) in manifest.Dropped)
        {
            foreach (var (reason, n) in reasons)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {source} | {reason} | {n} |\n");
            }
        }

        md.Append("\n## Known limits\n\n");
        md.Append("- Families with no labelled corpus (e.g. albanian, armenian, kartvelian, mongolic, basque) have only their UDHR rows: a few dozen per language, all benign. Weight or oversample them when training the family head.\n");
        md.Append("- Steam review languages are the author's Steam setting, not the text's language; some rows are in another language.\n");
        md.Append("- ToLD-Br labels count annotators: any annotator flagging a category sets it (the dataset's own definition), which is generous.\n");
        md.Append("- Lexicon-built abusive/sexual rows and all scam/spam/personal_info rows come from templates: they teach the categories, but their test rows are easier than real reviews.\n");
        md.Append("\n## Use\n\nThe labelled corpora carry their own licences (several state none): use them for research and tests, and do not redistribute them inside the product.\n");
        File.WriteAllText(Path.Combine(outDirectory, "DATA_CARD.md"), md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static List<(string Category, int Real, int Synthetic)> Categories(CorpusManifest manifest) =>
        [.. Moderation.Taxonomy.Categories.All.Append("none").Select(c => (c,
            manifest.Counts.CategoriesByOrigin.GetValueOrDefault($"{c}/real"),
            manifest.Counts.CategoriesByOrigin.GetValueOrDefault($"{c}/synthetic")))];

    private static void Bars(string path, string title, string[] labels, double[] values)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(values);
        bars.Color = Colors.SteelBlue;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. labels.Select((l, i) => new Tick(i, l))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = labels.Length > 6 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = labels.Length > 6 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.Layout.Fixed(new PixelPadding(70, 20, labels.Length > 6 ? 110 : 40, 40));
        plot.SavePng(path, 1000, 500);
    }

    private static void Stacked(string path, string title, List<(string Category, int Real, int Synthetic)> data)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < data.Count; i++)
        {
            bars.Add(new Bar { Position = i, ValueBase = 0, Value = data[i].Real, FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = i, ValueBase = data[i].Real, Value = data[i].Real + data[i].Synthetic, FillColor = Colors.Orange });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. data.Select((d, i) => new Tick(i, d.Category))]);
        plot.Legend.IsVisible = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "real", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "synthetic", FillColor = Colors.Orange });
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.SavePng(path, 1000, 500);
    }
}
