using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Errors;

/// <summary>Bad configuration stops the API at start-up with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Jwt:SigningKey", "too-short", "SigningKey")]
    [InlineData("Jwt:LifetimeMinutes", "0", "LifetimeMinutes")]
    [InlineData("Admin:Password", "short", "Admin:Password")]
    [InlineData("Admin:Email", "not-an-email", "Admin:Email")]
    [InlineData("Http:MaxRequestBodyBytes", "0", "MaxRequestBodyBytes")]
    public async Task Invalid_setting_fails_start_up_naming_it(string key, string value, string named)
    {
        var error = await StartFailureAsync(key, value);

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The exception that ends the API's start-up. WebApplicationFactory's deferred host sometimes reports a failed
    /// start as ObjectDisposedException (the host's services are gone before it reads the failure: 1 of 3 clean CI
    /// runs); that is the harness racing, not the API, so such a start is tried again, at most three times.
    /// </summary>
    private static async Task<Exception?> StartFailureAsync(string key, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var api = new MisconfiguredApiFactory(key, value);
            var error = Record.Exception(() => api.Server);
            if (error is not ObjectDisposedException || attempt == 3)
            {
                return error;
            }
        }
    }

    private sealed class MisconfiguredApiFactory(string key, string value) : MarketplaceApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
            new Dictionary<string, string?> { [key] = value };
    }
}
