using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Api.Infrastructure.DataProtection;

public static class DataProtectionSetup
{
    public const string ApplicationName = "moderation-marketplace";

    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in PostgreSQL, shared by all instances. Keys
    /// are stored unencrypted in that table (no XML encryptor): database access implies access to
    /// the delivery secrets, so restrict it (or add ProtectKeysWith* for a certificate).
    /// </summary>
    public static IServiceCollection AddMarketplaceDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }
}
