using System.Security.Cryptography;
using Marketplace.Alipay.Signing;
using Microsoft.Extensions.Options;

namespace Alipay.Sandbox.Keys;

/// <summary>
/// The app key pair (the marketplace signs with its private half; the sandbox verifies with the public half) and the
/// Alipay key pair (the sandbox signs answers and notifications). Generated at first start, reused afterwards.
/// </summary>
public sealed class SandboxKeys : IDisposable
{
    public const string AppPrivateKeyFile = "app_private_key.pem";
    public const string AppPublicKeyFile = "app_public_key.pem";
    public const string AlipayPrivateKeyFile = "alipay_private_key.pem";
    public const string AlipayPublicKeyFile = "alipay_public_key.pem";
    public const string AppIdFile = "app_id.txt";

    public SandboxKeys(SandboxDataDirectory directory, IOptions<SandboxOptions> options, ILogger<SandboxKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        AppPublicKey = EnsurePair(directory, AppPrivateKeyFile, AppPublicKeyFile, logger);
        AlipayPrivateKey = LoadPrivate(directory, AlipayPrivateKeyFile, AlipayPublicKeyFile, logger);
        AppId = EnsureAppId(directory, options.Value.AppId, logger);
    }

    public string AppId { get; }

    /// <summary>Verifies the marketplace's requests.</summary>
    public RSA AppPublicKey { get; }

    /// <summary>Signs answers, notifications and return URLs.</summary>
    public RSA AlipayPrivateKey { get; }

    public void Dispose()
    {
        AppPublicKey.Dispose();
        AlipayPrivateKey.Dispose();
    }

    private static RSA EnsurePair(SandboxDataDirectory dir, string privateFile, string publicFile, ILogger logger)
    {
        Generate(dir, privateFile, publicFile, logger);
        return AlipayKeys.LoadPublicKey(File.ReadAllText(dir.File(publicFile)));
    }

    private static RSA LoadPrivate(SandboxDataDirectory dir, string privateFile, string publicFile, ILogger logger)
    {
        Generate(dir, privateFile, publicFile, logger);
        return AlipayKeys.LoadPrivateKey(File.ReadAllText(dir.File(privateFile)));
    }

    /// <summary>A pair is regenerated only when a half is missing; existing keys are never overwritten otherwise.</summary>
    private static void Generate(SandboxDataDirectory dir, string privateFile, string publicFile, ILogger logger)
    {
        if (File.Exists(dir.File(privateFile)) && File.Exists(dir.File(publicFile)))
        {
            return;
        }
        using var rsa = RSA.Create(2048);
        AtomicFile.WriteText(dir.File(privateFile), AlipayKeys.ExportPrivateKeyPem(rsa), privateToOwner: true);
        AtomicFile.WriteText(dir.File(publicFile), AlipayKeys.ExportPublicKeyPem(rsa));
        logger.LogInformation("Generated RSA 2048 key pair {Private} / {Public} in {Directory}", privateFile, publicFile, dir.Path);
    }

    private static string EnsureAppId(SandboxDataDirectory dir, string? configured, ILogger logger)
    {
        var path = dir.File(AppIdFile);
        var existing = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        var appId = configured ?? existing;
        if (appId is null)
        {
            appId = "2021" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "123";
            logger.LogInformation("Generated sandbox app id {AppId}", appId);
        }
        if (appId != existing)
        {
            AtomicFile.WriteText(path, appId + "\n");
        }
        return appId;
    }
}
