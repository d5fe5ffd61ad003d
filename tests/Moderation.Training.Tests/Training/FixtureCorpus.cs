using Moderation.Datasets.Corpus;
using Moderation.Datasets.Tokenization;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

/// <summary>
/// A few hundred generated rows in three languages of three families (English, Spanish, Russian), some
/// abusive or spam, written as a corpus directory with a small tokenizer — built once per test process.
/// </summary>
internal static class FixtureCorpus
{
    private static readonly Lazy<string> Built = new(Build);

    public static string Directory => Built.Value;

    public static readonly Dictionary<string, int> TrainRowsPerLanguage = new() { ["en"] = 180, ["es"] = 90, ["ru"] = 30 };

    private static readonly Dictionary<string, (string Family, string[] Words, string Abuse, string Spam)> Languages = new()
    {
        ["en"] = ("germanic", ["the", "seller", "shipped", "quickly", "great", "quality", "would", "buy", "again", "box", "arrived", "today"], "idiot", "cheap pills click here"),
        ["es"] = ("romance", ["el", "vendedor", "envió", "rápido", "buena", "calidad", "compraría", "otra", "vez", "caja", "llegó", "hoy"], "idiota", "pastillas baratas clic aquí"),
        ["ru"] = ("slavic", ["продавец", "отправил", "быстро", "хорошее", "качество", "куплю", "снова", "коробка", "пришла", "сегодня", "товар", "отлично"], "идиот", "дешёвые таблетки жми здесь"),
    };

    /// <summary>Options for a run on the fixture: a smaller model than `tiny`, small batches, one thread.</summary>
    public static TrainOptions Options(string root, long maxSteps = 12) => new()
    {
        Corpus = Directory,
        Out = Path.Combine(root, "run"),
        TrackingUri = Path.Combine(root, "mlruns"),
        MaxSteps = maxSteps,
        BatchSize = 8,
        GradientAccumulation = 2,
        BucketBatches = 4,
        EvalEvery = 6,
        CheckpointEvery = 100,
        LogEvery = 4,
        LearningRate = 3e-3,
        EvalBatchSize = 32,
        Threads = 1,
        Patience = 0,
        ModelOverride = TestModels.Tiny(dropout: 0.1),
    };

    public static string NewRoot() => Path.Combine(Path.GetTempPath(), "moderation-training-tests", Guid.NewGuid().ToString("N"));

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), "moderation-training-tests", "corpus-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var random = new Random(1);
        var id = 0;
        IEnumerable<CorpusRow> Rows(string split, Func<string, int> count)
        {
            foreach (var (lang, spec) in Languages)
            {
                for (var i = 0; i < count(lang); i++)
                {
                    var words = Enumerable.Range(0, random.Next(3, 12)).Select(_ => spec.Words[random.Next(spec.Words.Length)]).ToList();
                    var labels = new List<string>();
                    switch (i % 5)
                    {
                        case 1:
                            words.Insert(random.Next(words.Count), spec.Abuse);
                            labels.Add("abuse");
                            break;
                        case 3:
                            words.Add(spec.Spam);
                            labels.Add("spam");
                            break;
                    }

                    yield return new CorpusRow
                    {
                        Id = $"fixture-{id++}", Text = string.Join(' ', words), Lang = lang, Family = spec.Family, Labels = labels, Source = i % 2 == 0 ? "fixture" : CorpusRow.SyntheticSource, Split = split,
                    };
                }
            }
        }

        CorpusJson.Write(Path.Combine(dir, Splits.FileName(Splits.Train)), [.. Rows(Splits.Train, lang => TrainRowsPerLanguage[lang])]);
        CorpusJson.Write(Path.Combine(dir, Splits.FileName(Splits.Validation)), [.. Rows(Splits.Validation, _ => 20)]);
        CorpusJson.Write(Path.Combine(dir, Splits.FileName(Splits.Test)), [.. Rows(Splits.Test, _ => 20)]);
        var options = new UnigramTrainerOptions { VocabSize = 400, MaxSentences = 1000 };
        var model = new UnigramTrainer(options).Train(UnigramTrainer.ReadCorpus(dir));
        File.WriteAllBytes(Path.Combine(dir, "tokenizer.model"), SentencePieceModelWriter.Write(model, options));
        return dir;
    }
}
