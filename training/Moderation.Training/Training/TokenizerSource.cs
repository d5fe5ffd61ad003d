using Moderation.Datasets.Tokenization;

namespace Moderation.Training.Training;

/// <summary>
/// Picks the run's tokenizer: --tokenizer FILE, else the corpus's tokenizer.model (or tokenizer.spm),
/// else the base model's sentencepiece.bpe.model, else trains a Unigram model on the train split.
/// The chosen model is copied to RUN_DIR/tokenizer.model.
/// </summary>
public static class TokenizerSource
{
    public static string Prepare(TrainOptions options, string runDirectory, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var target = Path.Combine(runDirectory, RunDirectory.TokenizerFile);
        var source = Find(options);
        if (source is not null)
        {
            log($"tokenizer: {source}");
            if (!string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal))
            {
                File.Copy(source, target, overwrite: true);
            }

            return target;
        }

        var trainerOptions = new UnigramTrainerOptions { VocabSize = options.VocabSize };
        log($"tokenizer: none given or found; training a {options.VocabSize}-id Unigram model on {options.Corpus}");
        var texts = UnigramTrainer.ReadCorpus(options.Corpus);
        var model = new UnigramTrainer(trainerOptions, log).Train(texts);
        File.WriteAllBytes(target, SentencePieceModelWriter.Write(model, trainerOptions));
        return target;
    }

    private static string? Find(TrainOptions options)
    {
        if (options.Tokenizer is not null)
        {
            return File.Exists(options.Tokenizer) ? options.Tokenizer : throw new TrainingSetupException($"tokenizer {options.Tokenizer} not found");
        }

        string?[] candidates =
        [
            Path.Combine(options.Corpus, "tokenizer.model"),
            Path.Combine(options.Corpus, "tokenizer.spm"),
            options.BaseModel is null ? null : Path.Combine(options.BaseModel, "sentencepiece.bpe.model"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
