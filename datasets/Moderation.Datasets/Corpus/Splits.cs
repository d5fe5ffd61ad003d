namespace Moderation.Datasets.Corpus;

/// <summary>The split names and their files.</summary>
public static class Splits
{
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";

    public static readonly IReadOnlyList<string> All = [Train, Validation, Test];

    public static string FileName(string split) => $"{split}.jsonl";
}
