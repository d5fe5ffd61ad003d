using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Moderation.ServiceDefaults;

/// <summary>
/// Log-level defaults: Information, with ASP.NET Core's per-request chatter at Warning. They are the lowest-priority
/// configuration source, so appsettings, environment variables and the command line still override them, and a
/// service started from any directory (its appsettings not found) gets them too. The host already adds trace and span
/// ids to every log scope; the console format stays each service's appsettings' choice.
/// </summary>
public static class ServiceLogging
{
    public static IHostApplicationBuilder AddServiceLogging(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        return builder;
    }
}
