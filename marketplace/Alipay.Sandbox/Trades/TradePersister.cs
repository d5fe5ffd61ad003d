using Microsoft.Extensions.Options;

namespace Alipay.Sandbox.Trades;

/// <summary>Rewrites the trades file shortly after changes (bursts coalesce into one write) and once more on shutdown.</summary>
public sealed class TradePersister(TradeStore store, IOptions<SandboxOptions> options, ILogger<TradePersister> logger) : BackgroundService
{
    private long _written;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _written = store.Save(_written);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await store.Dirty.WaitToReadAsync(stoppingToken))
            {
                store.Dirty.TryRead(out _);
                await Task.Delay(options.Value.PersistDelay, stoppingToken);
                try
                {
                    _written = store.Save(_written);
                }
                catch (IOException ex)
                {
                    logger.LogError(ex, "Could not write the trades file; will retry on the next change");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
