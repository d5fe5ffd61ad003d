using System.Security.Cryptography;
using Marketplace.Alipay.Signing;
using Microsoft.Extensions.Options;

namespace Marketplace.Alipay;

/// <summary>
/// The app id, app private key and Alipay public key, read once from <see cref="AlipayOptions"/> on first use.
/// A failed read (e.g. the sandbox has not written its keys yet) is retried on the next use.
/// </summary>
public sealed class AlipayKeyRing : IDisposable
{
    private readonly AlipayOptions _options;
    private readonly Lock _gate = new();
    private Loaded? _loaded;

    public AlipayKeyRing(IOptions<AlipayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public string AppId => Get().AppId;

    public RSA AppPrivateKey => Get().AppPrivateKey;

    public RSA AlipayPublicKey => Get().AlipayPublicKey;

    public void Dispose()
    {
        _loaded?.AppPrivateKey.Dispose();
        _loaded?.AlipayPublicKey.Dispose();
    }

    private Loaded Get()
    {
        if (_loaded is { } ready)
        {
            return ready;
        }
        lock (_gate)
        {
            return _loaded ??= Load(_options);
        }
    }

    private static Loaded Load(AlipayOptions o)
    {
        var appId = Pick(o.AppId, null, o.KeyDirectory, "app_id.txt", "Alipay:AppId").Trim();
        var priv = AlipayKeys.LoadPrivateKey(Pick(o.AppPrivateKey, o.AppPrivateKeyFile, o.KeyDirectory, "app_private_key.pem", "Alipay:AppPrivateKey"));
        var pub = AlipayKeys.LoadPublicKey(Pick(o.AlipayPublicKey, o.AlipayPublicKeyFile, o.KeyDirectory, "alipay_public_key.pem", "Alipay:AlipayPublicKey"));
        return new Loaded(appId, priv, pub);
    }

    private static string Pick(string? inline, string? file, string? directory, string fileInDirectory, string setting)
    {
        if (!string.IsNullOrWhiteSpace(inline))
        {
            return inline;
        }
        var path = !string.IsNullOrWhiteSpace(file) ? file
            : !string.IsNullOrWhiteSpace(directory) ? Path.Combine(directory, fileInDirectory)
            : throw new InvalidOperationException($"{setting} is not configured.");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting}: file '{Path.GetFullPath(path)}' does not exist (has the Alipay sandbox started?).");
        }
        return File.ReadAllText(path);
    }

    private sealed record Loaded(string AppId, RSA AppPrivateKey, RSA AlipayPublicKey);
}
