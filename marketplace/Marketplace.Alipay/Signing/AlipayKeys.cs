using System.Security.Cryptography;

namespace Marketplace.Alipay.Signing;

/// <summary>
/// Loads RSA keys in the forms Alipay's key tool and OpenSSL produce: PEM (PKCS#1 or PKCS#8 private,
/// SPKI or PKCS#1 public) or the bare base64 DER Alipay shows in its console.
/// </summary>
public static class AlipayKeys
{
    public static RSA LoadPrivateKey(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(text);
            }
            else
            {
                var der = DecodeBareBase64(text, "private");
                if (!TryImport(() => rsa.ImportPkcs8PrivateKey(der, out _)) &&
                    !TryImport(() => rsa.ImportRSAPrivateKey(der, out _)))
                {
                    throw new FormatException("The private key is neither PKCS#8 nor PKCS#1 DER.");
                }
            }
            // A public-only PEM imports fine but cannot sign; fail here rather than at the first payment.
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new FormatException("The private key could not be read: " + ex.Message, ex);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    public static RSA LoadPublicKey(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
                {
                    throw new FormatException("Expected a public key but the PEM holds a private key.");
                }
                rsa.ImportFromPem(text);
            }
            else
            {
                var der = DecodeBareBase64(text, "public");
                if (!TryImport(() => rsa.ImportSubjectPublicKeyInfo(der, out _)) &&
                    !TryImport(() => rsa.ImportRSAPublicKey(der, out _)))
                {
                    throw new FormatException("The public key is neither SPKI nor PKCS#1 DER.");
                }
            }
            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new FormatException("The public key could not be read: " + ex.Message, ex);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>PKCS#8 private key PEM ("BEGIN PRIVATE KEY"), the form Alipay's tool and OpenSSL 3 default to.</summary>
    public static string ExportPrivateKeyPem(RSA rsa) => rsa.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").</summary>
    public static string ExportPublicKeyPem(RSA rsa) => rsa.ExportSubjectPublicKeyInfoPem() + "\n";

    private static byte[] DecodeBareBase64(string text, string kind)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return Convert.FromBase64String(compact);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"The {kind} key is neither PEM nor base64.", ex);
        }
    }

    private static bool TryImport(Action import)
    {
        try
        {
            import();
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
