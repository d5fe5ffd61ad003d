namespace Moderation.Bundles;

/// <summary>The file names a model bundle holds.</summary>
public static class BundleFiles
{
    public const string Model = "model.onnx";
    public const string Tokenizer = "tokenizer.model";
    public const string Labels = "labels.json";
    public const string Manifest = "manifest.json";

    /// <summary>Probe texts with the logits the trained model gave them, checked by the service before it serves.</summary>
    public const string Probe = "probe.json";

    /// <summary>
    /// The model's shape in Hugging Face's <c>config.json</c> layout (model_type, architectures, the XLM-R fields, then
    /// this model's MoE, LoRA and head fields). Optional: bundles exported before it existed still verify.
    /// </summary>
    public const string Config = "config.json";

    /// <summary>Files the manifest must list with their sha256 (everything but the manifest itself).</summary>
    public static IReadOnlyList<string> Hashed { get; } = [Model, Tokenizer, Labels];

    /// <summary>Files a bundle may hold; when present the manifest must list them with their sha256 too.</summary>
    public static IReadOnlyList<string> Optional { get; } = [Probe, Config];

    /// <summary>The files of <paramref name="directory"/> its manifest must hash: every required file and the optional ones present.</summary>
    public static IEnumerable<string> HashedIn(string directory) =>
        Hashed.Concat(Optional.Where(f => File.Exists(Path.Combine(directory, f))));
}
