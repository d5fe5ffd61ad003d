using Microsoft.Extensions.Options;

namespace Marketplace.Alipay;

/// <summary>Start-up validation of the shape of <see cref="AlipayOptions"/>; key files are read lazily (the sandbox may write them a moment later).</summary>
public sealed class AlipayOptionsValidator : IValidateOptions<AlipayOptions>
{
    public ValidateOptionsResult Validate(string? name, AlipayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IsHttpUrl(options.GatewayUrl))
        {
            failures.Add("Alipay:GatewayUrl must be an absolute http(s) URL.");
        }
        var hasDir = !string.IsNullOrWhiteSpace(options.KeyDirectory);
        if (string.IsNullOrWhiteSpace(options.AppId) && !hasDir)
        {
            failures.Add("Alipay:AppId is required (or Alipay:KeyDirectory containing app_id.txt).");
        }
        if (string.IsNullOrWhiteSpace(options.AppPrivateKey) && string.IsNullOrWhiteSpace(options.AppPrivateKeyFile) && !hasDir)
        {
            failures.Add("Alipay:AppPrivateKey or Alipay:AppPrivateKeyFile (or Alipay:KeyDirectory) is required.");
        }
        if (string.IsNullOrWhiteSpace(options.AlipayPublicKey) && string.IsNullOrWhiteSpace(options.AlipayPublicKeyFile) && !hasDir)
        {
            failures.Add("Alipay:AlipayPublicKey or Alipay:AlipayPublicKeyFile (or Alipay:KeyDirectory) is required.");
        }
        if (!string.Equals(options.SignType, "RSA2", StringComparison.Ordinal))
        {
            failures.Add("Alipay:SignType must be RSA2.");
        }
        if (!string.Equals(options.Charset, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Alipay:Charset must be utf-8.");
        }
        if (options.NotifyUrl is not null && !IsHttpUrl(options.NotifyUrl))
        {
            failures.Add("Alipay:NotifyUrl must be an absolute http(s) URL.");
        }
        if (options.ReturnUrl is not null && !IsHttpUrl(options.ReturnUrl))
        {
            failures.Add("Alipay:ReturnUrl must be an absolute http(s) URL.");
        }
        if (options.DefaultTimeoutExpress is not null && !TimeoutExpress.IsValid(options.DefaultTimeoutExpress))
        {
            failures.Add("Alipay:DefaultTimeoutExpress must look like 90m, 2h, 1d (1m to 15d).");
        }
        if (options.HttpTimeout <= TimeSpan.Zero)
        {
            failures.Add("Alipay:HttpTimeout must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
