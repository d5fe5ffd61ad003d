using Microsoft.AspNetCore.Hosting;

namespace Marketplace.Tests.Infrastructure;

/// <summary>The fixture's API in <paramref name="environment"/> with <paramref name="settings"/> on top (a null value unsets a key).</summary>
public sealed class ConfiguredApiFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    : MarketplaceApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }
}
