using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Alipay.Signing;

/// <summary>RSA2 as Alipay defines it: SHA256withRSA, PKCS#1 v1.5 padding, over UTF-8 bytes, base64 signature.</summary>
public static class AlipaySigner
{
    public const string SignType = "RSA2";

    public static string Sign(string content, RSA privateKey)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(privateKey);
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Convert.ToBase64String(signature);
    }

    /// <summary>False for a wrong, malformed or empty signature; never throws on attacker-controlled input.</summary>
    public static bool Verify(string content, string? signature, RSA publicKey)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }
        var bytes = new byte[signature.Length];
        // Form decoding may turn '+' into ' '; Alipay's SDKs tolerate that, so do we.
        if (!Convert.TryFromBase64String(signature.Replace(' ', '+'), bytes, out var written))
        {
            return false;
        }
        try
        {
            return publicKey.VerifyData(Encoding.UTF8.GetBytes(content), bytes.AsSpan(0, written), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
