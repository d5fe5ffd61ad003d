using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Training.Training;

/// <summary>Reads a corpus split (JSONL from `moderation data build`) and tokenises it the way inference will.</summary>
public static class TokenizedCorpus
{
    public static IReadOnlyList<TrainingExample> Load(string corpusDirectory, string split, XlmrTokenizer tokenizer, int maxTokens, Action<int>? progress = null)
    {
        var path = Path.Combine(corpusDirectory, Splits.FileName(split));
        if (!File.Exists(path))
        {
            throw new TrainingSetupException($"{path}: no {split} split (build the corpus with `moderation data build`)");
        }

        var examples = new List<TrainingExample>();
        foreach (var row in CorpusJson.Read(path))
        {
            examples.Add(FromRow(row, tokenizer, maxTokens));
            if (examples.Count % 5000 == 0)
            {
                progress?.Invoke(examples.Count);
            }
        }

        if (examples.Count == 0)
        {
            throw new TrainingSetupException($"{path}: the {split} split is empty");
        }

        return examples;
    }

    public static TrainingExample FromRow(CorpusRow row, XlmrTokenizer tokenizer, int maxTokens)
    {
        var family = IndexOf(Families.All, row.Family);
        if (family < 0)
        {
            throw new TrainingSetupException($"row {row.Id}: unknown family '{row.Family}'");
        }

        var categories = new float[Categories.All.Count];
        foreach (var label in row.Labels)
        {
            var index = IndexOf(Categories.All, label);
            if (index < 0)
            {
                throw new TrainingSetupException($"row {row.Id}: unknown category '{label}'");
            }

            categories[index] = 1;
        }

        var (ids, _) = tokenizer.Encode(TextNormalizer.Normalize(row.Text), maxTokens);
        return new TrainingExample([.. ids], family, categories, row.Lang, row.IsSynthetic, row.Source);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
