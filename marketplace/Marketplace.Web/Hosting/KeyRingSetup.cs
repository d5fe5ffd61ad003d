using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Web.Hosting;

/// <summary>The data-protection key ring shared by every replica when <see cref="KeyRingOptions.KeyDirectory"/> is set.</summary>
public static class KeyRingSetup
{
    /// <summary>One application name for all replicas: it is part of every key's purpose, so it must not differ by path.</summary>
    public const string ApplicationName = "moderation-marketplace-web";

    public static IServiceCollection AddWebKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(options.KeyDirectory));
        }

        return services;
    }
}
