namespace Marketplace.Alipay;

/// <summary>
/// Configuration section <c>Alipay</c>. Each key can be given inline (PEM or bare base64) or as a file;
/// <see cref="KeyDirectory"/> fills whatever is missing from the layout the local sandbox writes
/// (<c>app_id.txt</c>, <c>app_private_key.pem</c>, <c>alipay_public_key.pem</c>).
/// </summary>
public sealed class AlipayOptions
{
    public const string SectionName = "Alipay";

    /// <summary>Gateway endpoint, e.g. https://openapi.alipay.com/gateway.do or http://127.0.0.1:5090/gateway.do.</summary>
    public string GatewayUrl { get; set; } = "http://127.0.0.1:5090/gateway.do";

    public string? AppId { get; set; }

    public string? AppPrivateKey { get; set; }

    public string? AppPrivateKeyFile { get; set; }

    public string? AlipayPublicKey { get; set; }

    public string? AlipayPublicKeyFile { get; set; }

    /// <summary>Folder holding app_id.txt, app_private_key.pem and alipay_public_key.pem (the sandbox's output).</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>Only RSA2 is supported; Alipay deprecated RSA (SHA1).</summary>
    public string SignType { get; set; } = "RSA2";

    public string Charset { get; set; } = "utf-8";

    public string? NotifyUrl { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Used for page.pay when a request gives neither timeout_express nor time_expire.</summary>
    public string? DefaultTimeoutExpress { get; set; }

    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
