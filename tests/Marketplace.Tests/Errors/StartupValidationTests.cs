using Marketplace.Tests.Infrastructure;

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
        var error = await MisconfiguredStart.FailureAsync(key, value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
