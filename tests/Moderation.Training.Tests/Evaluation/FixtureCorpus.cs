using Moderation.Datasets.Corpus;

namespace Moderation.Training.Tests.Evaluation;

/// <summary>
/// A small labelled corpus written in the test: six languages in three families, benign rows built from
/// per-language word lists, abuse rows with a per-language insult, spam rows with shop-link words.
/// Every third row is marked synthetic, so real and generated rows are both present.
/// </summary>
internal static class FixtureCorpus
{
    private static readonly (string Lang, string Family, string[] Words, string Insult)[] Languages =
    [
        ("en", "germanic", ["the", "seller", "was", "quick", "and", "the", "parcel", "arrived", "in", "good", "shape", "thanks"], "idiot"),
        ("de", "germanic", ["der", "verkäufer", "war", "schnell", "und", "das", "paket", "kam", "gut", "an", "danke", "sehr"], "trottel"),
        ("es", "romance", ["el", "vendedor", "fue", "rápido", "y", "el", "paquete", "llegó", "en", "buen", "estado", "gracias"], "idiota"),
        ("fr", "romance", ["le", "vendeur", "était", "rapide", "et", "le", "colis", "est", "arrivé", "en", "bon", "état"], "crétin"),
        ("ru", "slavic", ["продавец", "был", "быстрым", "и", "посылка", "пришла", "в", "хорошем", "состоянии", "спасибо", "очень", "доволен"], "дурак"),
        ("pl", "slavic", ["sprzedawca", "był", "szybki", "i", "paczka", "dotarła", "w", "dobrym", "stanie", "dziękuję", "bardzo", "polecam"], "głupek"),
    ];

    private static readonly string[] SpamWords = ["cheap", "watches", "discount", "www.shop-deals.example", "buy", "now", "click"];

    public static IReadOnlyList<CorpusRow> Rows(int perLanguage = 60, int seed = 11)
    {
        var random = new Random(seed);
        var rows = new List<CorpusRow>();
        var n = 0;
        for (var i = 0; i < perLanguage; i++)
        {
            foreach (var (lang, family, words, insult) in Languages)
            {
                var text = Enumerable.Range(0, 6 + random.Next(4)).Select(_ => words[random.Next(words.Length)]).ToList();
                string[] labels = (i % 4) switch
                {
                    1 => ["abuse"],
                    2 => ["spam"],
                    _ => [],
                };
                if (labels.Contains("abuse"))
                {
                    text.Insert(random.Next(text.Count), insult);
                }

                if (labels.Contains("spam"))
                {
                    text.InsertRange(random.Next(text.Count), SpamWords.OrderBy(_ => random.Next()).Take(3));
                }

                var split = (n % 5) switch { 0 => Splits.Test, 1 => Splits.Validation, _ => Splits.Train };
                rows.Add(new CorpusRow
                {
                    Id = $"fx-{n}",
                    Text = string.Join(' ', text),
                    Lang = lang,
                    Family = family,
                    Labels = labels,
                    Source = n % 3 == 0 ? CorpusRow.SyntheticSource : "fixture",
                    Split = split,
                });
                n++;
            }
        }

        return rows;
    }

    /// <summary>Writes train/validation/test JSONL files into a new directory and returns it.</summary>
    public static string WriteDirectory(IReadOnlyList<CorpusRow>? rows = null)
    {
        var dir = Path.GetDirectoryName(TestModels.TempFile("corpus"))!;
        Directory.CreateDirectory(dir);
        rows ??= Rows();
        foreach (var split in Splits.All)
        {
            CorpusJson.Write(Path.Combine(dir, Splits.FileName(split)), rows.Where(r => r.Split == split));
        }

        return dir;
    }
}
