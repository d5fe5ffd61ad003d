using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualBasic.FileIO;
using Moderation.Datasets.Taxonomy;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Sources;

/// <summary>
/// Local labelled corpora in CSV, TSV or JSONL with a declared column mapping (text, language, label rules),
/// so a user can add Jigsaw, GermEval, COLD, OffensEval and the like from their own downloads.
/// Columns are named by header, or by zero-based index when the file has no header.
/// </summary>
public sealed partial class TableAdapter(SourcesFile sources, LanguageTable languages) : ISourceAdapter
{
    /// <summary>The files a table source names (its path may use `*` in the file name); empty when absent.</summary>
    public IReadOnlyList<string> Files(SourceSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Path))
        {
            throw new BuildException($"source '{spec.Id}': table source needs a path");
        }

        var full = sources.Resolve(spec.Path);
        var directory = Path.GetDirectoryName(full)!;
        var pattern = Path.GetFileName(full);
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return File.Exists(full) ? [full] : [];
        }

        return Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal)]
            : [];
    }

    public IEnumerable<SourceRecord> Read(SourceSpec spec, MalformedCounter malformed)
    {
        Validate(spec);
        var fixedLang = spec.Lang is null ? null : languages.Resolve(spec.Lang)
            ?? throw new BuildException($"source '{spec.Id}': unknown language code '{spec.Lang}'");
        foreach (var file in Files(spec))
        {
            foreach (var (line, get) in Rows(spec, file, malformed))
            {
                var record = ToRecord(spec, file, line, get, fixedLang, malformed);
                if (record is not null)
                {
                    yield return record;
                }
            }
        }
    }

    private SourceRecord? ToRecord(SourceSpec spec, string file, long line, Func<string, string?> get, string? fixedLang, MalformedCounter malformed)
    {
        var where = $"{file}:{line}";
        var text = get(spec.Text!);
        if (text is null)
        {
            malformed.Add(spec.Id, "missing column");
            return null;
        }

        if (spec.LineBreakToken is { Length: > 0 } lf)
        {
            text = text.Replace(lf, "\n", StringComparison.Ordinal);
        }

        if (spec.HtmlDecode)
        {
            text = WebUtility.HtmlDecode(HtmlTag().Replace(text, " "));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            malformed.Add(spec.Id, "empty text");
            return null;
        }

        var lang = fixedLang;
        if (lang is null)
        {
            var value = get(spec.LangColumn!);
            if (value is null)
            {
                malformed.Add(spec.Id, "missing column");
                return null;
            }

            value = value.Trim();
            if (value.Length == 0)
            {
                malformed.Add(spec.Id, "missing language");
                return null;
            }

            if (value.Length > 40 || value.Any(char.IsWhiteSpace))
            {
                malformed.Add(spec.Id, "garbled language column");
                return null;
            }

            var tag = spec.LangMap is not null && spec.LangMap.TryGetValue(value, out var mapped) ? mapped : value;
            lang = languages.Resolve(tag) ?? throw new BuildException($"{where}: unknown language code '{value}'");
        }

        var labels = new SortedSet<string>(spec.FixedLabels, StringComparer.Ordinal);
        foreach (var rule in spec.Labels)
        {
            var value = get(rule.Column);
            if (value is null)
            {
                malformed.Add(spec.Id, "missing column");
                return null;
            }

            value = value.Trim();
            if (rule.Map is not null)
            {
                if (!rule.Map.TryGetValue(value, out var categories))
                {
                    throw new BuildException($"{where}: unknown label '{value}' in column '{rule.Column}'");
                }

                labels.UnionWith(categories);
            }
            else
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new BuildException($"{where}: unknown label '{value}' in column '{rule.Column}' (expected a number)");
                }

                if (number > rule.GreaterThan!.Value)
                {
                    labels.UnionWith(rule.Categories);
                }
            }
        }

        return new SourceRecord(text, lang, [.. labels], where);
    }

    private static void Validate(SourceSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Text))
        {
            throw new BuildException($"source '{spec.Id}': table source needs a text column");
        }

        if (spec.Lang is null && spec.LangColumn is null)
        {
            throw new BuildException($"source '{spec.Id}': table source needs lang or langColumn");
        }

        foreach (var rule in spec.Labels)
        {
            if ((rule.Map is null) == (rule.GreaterThan is null))
            {
                throw new BuildException($"source '{spec.Id}': label rule for '{rule.Column}' needs exactly one of map or greaterThan");
            }

            var categories = rule.Map?.Values.SelectMany(c => c) ?? rule.Categories;
            foreach (var category in categories)
            {
                if (!Categories.IsKnown(category))
                {
                    throw new BuildException($"source '{spec.Id}': unknown label category '{category}'");
                }
            }
        }

        foreach (var category in spec.FixedLabels)
        {
            if (!Categories.IsKnown(category))
            {
                throw new BuildException($"source '{spec.Id}': unknown label category '{category}'");
            }
        }
    }

    private static IEnumerable<(long Line, Func<string, string?> Get)> Rows(SourceSpec spec, string file, MalformedCounter malformed)
    {
        var format = (spec.Format ?? Path.GetExtension(file).TrimStart('.')).ToLowerInvariant();
        return format switch
        {
            "jsonl" or "json" => JsonRows(spec, file, malformed),
            "tsv" or "txt" => DelimitedRows(spec, file, "\t", spec.Quotes ?? false, malformed),
            "csv" => DelimitedRows(spec, file, ",", spec.Quotes ?? true, malformed),
            _ => throw new BuildException($"source '{spec.Id}': unknown format '{format}' (csv, tsv or jsonl)"),
        };
    }

    private static IEnumerable<(long, Func<string, string?>)> DelimitedRows(SourceSpec spec, string file, string delimiter, bool quotes, MalformedCounter malformed)
    {
        using var parser = new TextFieldParser(file, Encoding.UTF8, detectEncoding: true)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = quotes,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(delimiter);
        Dictionary<string, int>? header = null;
        var headerLength = 0;
        while (!parser.EndOfData)
        {
            var line = parser.LineNumber;
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException)
            {
                malformed.Add(spec.Id, "unparseable line");
                continue;
            }

            if (fields is null)
            {
                continue;
            }

            if (spec.Header && header is null)
            {
                header = new Dictionary<string, int>(StringComparer.Ordinal);
                headerLength = fields.Length;
                for (var i = 0; i < fields.Length; i++)
                {
                    header.TryAdd(fields[i].Trim().TrimStart('\uFEFF'), i);
                }

                continue;
            }

            if (header is not null && fields.Length != headerLength)
            {
                malformed.Add(spec.Id, "wrong column count");
                continue;
            }

            var row = fields;
            var names = header;
            yield return (line, column => Field(row, names, column));
        }
    }

    private static string? Field(string[] fields, Dictionary<string, int>? header, string column)
    {
        int index;
        if (header is not null && header.TryGetValue(column, out var named))
        {
            index = named;
        }
        else if (!int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return null;
        }

        return index < fields.Length ? fields[index] : null;
    }

    private static IEnumerable<(long, Func<string, string?>)> JsonRows(SourceSpec spec, string file, MalformedCounter malformed)
    {
        long line = 0;
        foreach (var text in File.ReadLines(file, Encoding.UTF8))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            Dictionary<string, JsonElement>? obj;
            try
            {
                obj = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text);
            }
            catch (JsonException)
            {
                malformed.Add(spec.Id, "unparseable line");
                continue;
            }

            if (obj is null)
            {
                malformed.Add(spec.Id, "unparseable line");
                continue;
            }

            yield return (line, column => obj.TryGetValue(column, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.True => "1",
                    JsonValueKind.False => "0",
                    _ => v.GetRawText(),
                }
                : null);
        }
    }

    [GeneratedRegex(@"<[^>]{1,200}>")]
    private static partial Regex HtmlTag();
}
