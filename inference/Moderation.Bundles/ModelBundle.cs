namespace Moderation.Bundles;

/// <summary>A verified bundle on disk: where it is, its manifest and labels, and the paths of its model and tokenizer.</summary>
public sealed record ModelBundle(string Directory, BundleManifest Manifest, BundleLabels Labels)
{
    public string ModelPath => Path.Combine(Directory, BundleFiles.Model);
    public string TokenizerPath => Path.Combine(Directory, BundleFiles.Tokenizer);
    public string Version => Manifest.BundleVersion;
}
