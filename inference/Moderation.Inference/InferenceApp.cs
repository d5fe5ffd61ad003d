using Microsoft.Extensions.Options;
using Moderation.Inference.Api;
using Moderation.Inference.Batching;
using Moderation.Inference.Health;
using Moderation.Inference.Observability;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;
using Moderation.Inference.Swapping;
using Moderation.ServiceDefaults;

namespace Moderation.Inference;

/// <summary>
/// Builds the service; <see cref="Program"/> runs it, and tests and benchmarks host the same application on
/// a real Kestrel port. Command line: <c>--bundle DIR</c> (= <c>Inference:BundlePath</c>), <c>--urls URL</c>, and any
/// <c>--Inference:Setting value</c>.
/// </summary>
public static class InferenceApp
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--bundle"] = $"{InferenceOptions.Section}:{nameof(InferenceOptions.BundlePath)}",
    };

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, Switches);
        builder.AddServiceLogging();
        configure?.Invoke(builder);

        builder.Services.AddOptions<InferenceOptions>()
            .Bind(builder.Configuration.GetSection(InferenceOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<InferenceOptions>>().Value);
        builder.Services.AddServiceProblems();
        builder.Services.AddSingleton<OnnxSessionFactory>();
        builder.Services.AddSingleton<RuntimeLoader>();
        builder.Services.AddSingleton<ModelHolder>();
        builder.Services.AddSingleton<BundleSwapper>();
        builder.Services.AddSingleton<MicroBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MicroBatcher>());
        builder.Services.AddSingleton<ModerationHandler>();
        builder.Services.AddHostedService<ModelStartup>();
        builder.Services.AddHostedService<BundleFolderWatcher>();
        builder.Services.AddInferenceHealth();
        builder.Services.AddInferenceTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseServiceProblems();
        app.MapServiceHealth();
        app.MapServiceMetrics();
        app.MapModeration();
        app.MapAdmin();
        return app;
    }
}
