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
        await using var api = new MisconfiguredApiFactory(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => api.Server);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private sealed class MisconfiguredApiFactory(string key, string value) : MarketplaceApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
            new Dictionary<string, string?> { [key] = value };
    }
}
