namespace Moderation.Bundles;

/// <summary>The file names a model bundle holds.</summary>
public static class BundleFiles
{
    public const string Model = "model.onnx";
    public const string Tokenizer = "tokenizer.model";
    public const string Labels = "labels.json";
    public const string Manifest = "manifest.json";

    /// <summary>Files the manifest must list with their sha256 (everything but the manifest itself).</summary>
    public static IReadOnlyList<string> Hashed { get; } = [Model, Tokenizer, Labels];
}
