using Microsoft.Extensions.Options;
using Moderation.Bundles;
using Moderation.Inference.Options;

namespace Moderation.Inference.Swapping;

/// <summary>
/// Loads the start-up bundle after the server is listening, so /healthz answers while /readyz waits for the
/// warm-up; a bundle that is refused stops the service with exit code 1 and the reason in the log.
/// </summary>
public sealed class ModelStartup(BundleSwapper swapper, IOptions<InferenceOptions> options, IHostApplicationLifetime lifetime, ILogger<ModelStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await swapper.SwapAsync(options.Value.BundlePath, stoppingToken);
        }
        catch (InvalidBundleException e)
        {
            logger.LogCritical("Start-up bundle refused: {Reason}", e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
