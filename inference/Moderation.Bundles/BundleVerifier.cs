using System.Text.Json;

namespace Moderation.Bundles;

/// <summary>
/// Accepts a bundle directory only when every file the manifest lists is there with its sha256, labels.json is
/// consistent and model.onnx has the bundle's signature. Throws <see cref="InvalidBundleException"/> with a one-line
/// reason otherwise, so a bad bundle is refused before it replaces a serving one.
/// </summary>
public static class BundleVerifier
{
    public static ModelBundle Verify(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new InvalidBundleException($"bundle directory '{directory}' does not exist");
        }

        var manifest = Read(directory, BundleFiles.Manifest, BundleManifest.FromJson);
        if (string.IsNullOrWhiteSpace(manifest.BundleVersion) || manifest.Files is null)
        {
            throw new InvalidBundleException($"{BundleFiles.Manifest} lacks bundleVersion or files");
        }

        // An optional file the manifest lists must be there too: deleting it must not pass unnoticed.
        foreach (var name in BundleFiles.Hashed.Concat(BundleFiles.Optional.Where(manifest.Files.ContainsKey)).Distinct())
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new InvalidBundleException($"bundle '{directory}' lacks {name}");
            }

            if (!manifest.Files.TryGetValue(name, out var expected))
            {
                throw new InvalidBundleException($"{BundleFiles.Manifest} has no sha256 for {name}");
            }

            var actual = FileDigest.Sha256(path);
            if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidBundleException($"{name}: sha256 mismatch (manifest {expected}, file {actual}); the bundle is corrupt or was modified");
            }
        }

        if (BundleFiles.Optional.FirstOrDefault(n => !manifest.Files.ContainsKey(n) && File.Exists(Path.Combine(directory, n))) is { } unlisted)
        {
            throw new InvalidBundleException($"{BundleFiles.Manifest} has no sha256 for {unlisted}");
        }

        var labels = Read(directory, BundleFiles.Labels, BundleLabels.FromJson);
        if (labels.Problem() is { } problem)
        {
            throw new InvalidBundleException($"{BundleFiles.Labels}: {problem}");
        }

        OnnxSignature.Check(Path.Combine(directory, BundleFiles.Model), labels);
        return new ModelBundle(Path.GetFullPath(directory), manifest, labels);
    }

    private static T Read<T>(string directory, string name, Func<string, T> parse)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            throw new InvalidBundleException($"bundle '{directory}' lacks {name}");
        }

        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidBundleException($"{name} is not valid: {e.Message}", e);
        }
    }
}
