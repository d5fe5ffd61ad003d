using Alipay.Sandbox.Gateway;
using Alipay.Sandbox.Keys;
using Alipay.Sandbox.Notifications;
using Alipay.Sandbox.Payments;
using Alipay.Sandbox.Trades;
using Microsoft.Extensions.Options;
using Moderation.ServiceDefaults;

namespace Alipay.Sandbox;

/// <summary>A local Alipay-compatible gateway for one app id (default http://127.0.0.1:5090).</summary>
public sealed class Program
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // A stand-in gateway that generates its own keys and pays every trade on request: never a deployment's.
        if (!builder.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync(
                $"alipay-sandbox: a development tool; it does not run in the {builder.Environment.EnvironmentName} environment (ASPNETCORE_ENVIRONMENT=Development runs it)");
            return 2;
        }

        // The content root is wherever it was started from (often the repository root), so defaults live in code too.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.AddServiceLogging();
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxDataDirectory>();
        services.AddSingleton<SandboxKeys>();
        services.AddSingleton<TradeStore>();
        services.AddSingleton<NotificationFactory>();
        services.AddSingleton<TradeLedger>();
        services.AddSingleton<GatewayReply>();
        services.AddHostedService<TradePersister>();
        services.AddHostedService<NotificationDispatcher>();
        services.AddHttpClient(NotificationDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddServiceProblems();
        services.AddServiceHealth();

        var app = builder.Build();
        app.UseServiceProblems();
        // Create keys and load trades before the first request, so the marketplace finds the key files early.
        var keys = app.Services.GetRequiredService<SandboxKeys>();
        app.Services.GetRequiredService<TradeStore>();
        app.Logger.LogInformation("Alipay sandbox for app id {AppId}, data in {Directory}", keys.AppId, app.Services.GetRequiredService<SandboxDataDirectory>().Path);

        app.MapServiceHealth();
        app.MapGateway();
        app.MapSandbox();
        await app.RunAsync();
        return 0;
    }
}
