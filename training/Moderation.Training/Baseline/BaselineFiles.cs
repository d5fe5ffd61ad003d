namespace Moderation.Training.Baseline;

/// <summary>File names inside a baseline directory.</summary>
internal static class BaselineFiles
{
    public const string Featurizer = "featurizer.zip";
    public const string Family = "family.zip";

    public static string Category(string name) => $"category-{name}.zip";
}
