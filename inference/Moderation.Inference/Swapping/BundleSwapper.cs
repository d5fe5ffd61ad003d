using Moderation.Inference.Runtime;

namespace Moderation.Inference.Swapping;

/// <summary>
/// Hot swap: loads, verifies, probes and warms a bundle off the request path, then makes it the serving runtime
/// in one atomic exchange. Requests already running keep the old runtime until they finish; a refused bundle
/// changes nothing.
/// </summary>
public sealed class BundleSwapper(ModelHolder holder, RuntimeLoader loader, ILogger<BundleSwapper> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<SwapResult> SwapAsync(string directory, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken))
        {
            throw new SwapInProgressException();
        }

        try
        {
            var next = await Task.Run(() => loader.Load(directory), cancellationToken);
            var previous = holder.Current?.Bundle.Version;
            holder.Swap(next);
            logger.LogInformation("Now serving bundle {Version} (was {Previous})", next.Bundle.Version, previous ?? "none");
            return new SwapResult(next.Bundle.Version, previous);
        }
        finally
        {
            _gate.Release();
        }
    }
}
