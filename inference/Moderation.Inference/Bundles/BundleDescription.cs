namespace Moderation.Inference.Bundles;

/// <summary>A verified bundle on disk: its files passed their sha256 check and its labels parsed.</summary>
public sealed record BundleDescription(
    string Directory,
    string Version,
    string RunId,
    DateTimeOffset? CreatedAt,
    BundleLabels Labels)
{
    public string ModelPath => Path.Combine(Directory, "model.onnx");

    public string TokenizerPath => Path.Combine(Directory, "tokenizer.model");

    public string ProbePath => Path.Combine(Directory, "probe.json");
}
