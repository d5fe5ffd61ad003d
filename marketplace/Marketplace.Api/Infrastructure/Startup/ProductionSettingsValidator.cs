using System.Security.Cryptography;
using Marketplace.Alipay;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Startup;

/// <summary>
/// Outside the Development environment, refuses every setting whose absence would fall back to a development default
/// (a random signing key, the in-memory Kafka, the local Alipay sandbox and its generated keys, a notify URL taken
/// from the request's Host header). Development keeps them, so a newcomer's <c>./run.sh</c> needs no configuration.
/// </summary>
public sealed class ProductionSettingsValidator(IHostEnvironment environment)
    : IValidateOptions<JwtOptions>, IValidateOptions<KafkaOptions>, IValidateOptions<AlipayOptions>
{
    private const string Outside = "must be set outside Development";

    public ValidateOptionsResult Validate(string? name, JwtOptions options) =>
        Result(string.IsNullOrEmpty(options.SigningKey)
            ? $"Jwt:SigningKey {Outside} (without it each process signs with a random key)."
            : null);

    public ValidateOptionsResult Validate(string? name, KafkaOptions options) =>
        Result(string.IsNullOrWhiteSpace(options.BootstrapServers)
            ? $"Kafka:BootstrapServers {Outside} (without it messages go to librdkafka's in-memory mock cluster)."
            : null);

    public ValidateOptionsResult Validate(string? name, AlipayOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (string.Equals(options.GatewayUrl, new AlipayOptions().GatewayUrl, StringComparison.Ordinal))
        {
            failures.Add($"Alipay:GatewayUrl {Outside} (the default is the local sandbox).");
        }

        if (string.IsNullOrWhiteSpace(options.NotifyUrl))
        {
            failures.Add($"Alipay:NotifyUrl {Outside} (without it the notify URL is built from the request's Host header).");
        }

        // The keys are read now, not on the first payment: a deployment without them would answer 503 to every payment.
        try
        {
            using var keys = new AlipayKeyRing(Options.Create(options));
            _ = keys.AppId;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException
            or CryptographicException or ArgumentException or FormatException)
        {
            failures.Add($"Alipay keys {Outside}: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private ValidateOptionsResult Result(string? failure) =>
        environment.IsDevelopment() || failure is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failure);
}
