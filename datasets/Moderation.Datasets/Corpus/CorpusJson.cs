using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Datasets.Corpus;

/// <summary>Reads and writes the JSONL split files (UTF-8 without BOM, "\n" line ends, stable field order).</summary>
public static class CorpusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, IEnumerable<CorpusRow> rows)
    {
        using var writer = new StreamWriter(path, append: false, Utf8) { NewLine = "\n" };
        foreach (var row in rows)
        {
            writer.Write(JsonSerializer.Serialize(row, Options));
            writer.Write('\n');
        }
    }

    public static IEnumerable<CorpusRow> Read(string path)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize<StoredRow>(line, Options)?.ToRow()
                ?? throw new InvalidDataException($"{path}: empty JSON row");
        }
    }

    // The read shape: `inappropriate` is derived on write, so it is accepted and ignored on read.
    private sealed record StoredRow(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("lang")] string Lang,
        [property: JsonPropertyName("family")] string Family,
        [property: JsonPropertyName("labels")] string[] Labels,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("split")] string Split,
        [property: JsonPropertyName("original")] string? Original)
    {
        public CorpusRow ToRow() => new()
        {
            Id = Id, Text = Text, Lang = Lang, Family = Family, Labels = Labels, Source = Source, Split = Split, Original = Original,
        };
    }
}
