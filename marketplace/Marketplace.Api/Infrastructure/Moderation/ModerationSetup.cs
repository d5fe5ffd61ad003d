using Microsoft.Extensions.Options;
using Moderation.Contracts;

namespace Marketplace.Api.Infrastructure.Moderation;

public static partial class ModerationSetup
{
    /// <summary>The configuration key of the inference service's address (also accepted: <c>Moderation:BaseAddress</c>).</summary>
    public const string BaseUrlKey = ModerationClientOptions.Section + ":BaseUrl";

    public const string ReadinessClient = "moderation-readiness";

    // Never called: with no address configured the worker does not moderate; the client still needs a valid base.
    private static readonly Uri Unconfigured = new("http://inference.invalid/");

    /// <summary>
    /// Registers <see cref="ModerationClient"/> (Moderation.Contracts' resilient typed client, section
    /// <c>Moderation</c>) and the <see cref="ModerationEndpoint"/>. Configuration is read when they are first
    /// resolved, after every configuration source (test hosts' included) is in.
    /// </summary>
    public static IServiceCollection AddMarketplaceModeration(this IServiceCollection services)
    {
        services.AddSingleton(provider => ModerationEndpoint.From(provider.GetRequiredService<IConfiguration>()));
        services.AddModerationClient(_ => { });
        services.AddOptions<ModerationClientOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            configuration.GetSection(ModerationClientOptions.Section).Bind(options);
            options.BaseAddress = ModerationEndpoint.From(configuration).BaseAddress ?? Unconfigured;
        });
        // Readiness asks the service's /readyz once, without the client's retries: a probe must answer quickly.
        services.AddHttpClient(ReadinessClient, (provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<ModerationEndpoint>().BaseAddress ?? Unconfigured;
            http.Timeout = TimeSpan.FromSeconds(2);
        });
        return services;
    }

    /// <summary>Checks the address at start-up and logs once that reviews will wait when none is configured.</summary>
    public static void WarnIfUnconfigured(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ModerationEndpoint>().Configured)
        {
            LogUnconfigured(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModerationSetup).FullName!));
        }

        _ = app.Services.GetRequiredService<IOptions<ModerationClientOptions>>().Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moderation:BaseUrl is not set: reviews are accepted but stay PENDING until an inference service is configured")]
    private static partial void LogUnconfigured(ILogger logger);
}
