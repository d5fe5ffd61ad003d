using System.Security.Cryptography;

namespace Moderation.Bundles;

/// <summary>sha256 of a file as lower-case hex, streamed (a model file can be large).</summary>
public static class FileDigest
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
