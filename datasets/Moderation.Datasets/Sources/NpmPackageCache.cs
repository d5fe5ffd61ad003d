using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Moderation.Datasets.Sources;

/// <summary>
/// Fetches pinned npm tarballs once, checks the registry's sha512 integrity, keeps them under the cache
/// directory (git-ignored) and unpacks them there; later builds read the cache and need no network.
/// </summary>
public sealed class NpmPackageCache
{
    private readonly string _directory;
    private readonly string _registry;
    private readonly Func<Uri, CancellationToken, Task<byte[]>> _download;

    public NpmPackageCache(string directory, string registry, Func<Uri, CancellationToken, Task<byte[]>>? download = null)
    {
        _directory = directory;
        _registry = registry.TrimEnd('/');
        _download = download ?? DownloadAsync;
    }

    public static Uri TarballUri(string registry, string name, string version) =>
        new($"{registry.TrimEnd('/')}/{name}/-/{name}-{version}.tgz");

    /// <summary>Returns the unpacked package folder (the tarball's `package/`), fetching and verifying on first use.</summary>
    public async Task<string> GetAsync(NpmPackageSpec spec, CancellationToken cancellationToken = default)
    {
        var tarball = Path.Combine(_directory, $"{spec.Name}-{spec.Version}.tgz");
        var unpacked = Path.Combine(_directory, $"{spec.Name}-{spec.Version}");
        var marker = Path.Combine(unpacked, ".verified");
        if (File.Exists(marker) && File.Exists(tarball) && Verify(await File.ReadAllBytesAsync(tarball, cancellationToken), spec.Integrity))
        {
            return Path.Combine(unpacked, "package");
        }

        byte[] bytes;
        if (File.Exists(tarball) && Verify(await File.ReadAllBytesAsync(tarball, cancellationToken), spec.Integrity))
        {
            bytes = await File.ReadAllBytesAsync(tarball, cancellationToken);
        }
        else
        {
            var uri = TarballUri(_registry, spec.Name, spec.Version);
            try
            {
                bytes = await _download(uri, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new BuildException($"npm {spec.Name}@{spec.Version}: cannot fetch {uri}: {e.Message}", e);
            }

            if (!Verify(bytes, spec.Integrity))
            {
                throw new BuildException(
                    $"npm {spec.Name}@{spec.Version}: integrity mismatch (expected {spec.Integrity}, got {Integrity(bytes)})");
            }

            Directory.CreateDirectory(_directory);
            var partial = tarball + ".partial";
            await File.WriteAllBytesAsync(partial, bytes, cancellationToken);
            File.Move(partial, tarball, overwrite: true);
        }

        if (Directory.Exists(unpacked))
        {
            Directory.Delete(unpacked, recursive: true);
        }

        Directory.CreateDirectory(unpacked);
        using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(gzip, unpacked, overwriteFiles: true, cancellationToken);
        }

        await File.WriteAllTextAsync(marker, spec.Integrity, cancellationToken);
        return Path.Combine(unpacked, "package");
    }

    /// <summary>The npm/SRI integrity string of a tarball: "sha512-" + base64(SHA-512).</summary>
    public static string Integrity(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    public static bool Verify(byte[] bytes, string integrity) =>
        string.Equals(Integrity(bytes), integrity, StringComparison.Ordinal);

    private static async Task<byte[]> DownloadAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        return await http.GetByteArrayAsync(uri, cancellationToken);
    }
}
