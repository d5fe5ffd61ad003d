namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// Renews one held lock every lease/3 until stopped (full release, or the process going away) or
/// until a renewal finds the lock no longer held by its owner. A failed renewal (Redis briefly
/// unreachable) is retried on the next tick: the lease still has two thirds left.
/// </summary>
internal sealed partial class LockWatchdog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LockWatchdog(Func<Task<bool>> renew, TimeSpan lease, TimeProvider time, string key, ILogger logger)
    {
        _loop = RunAsync(renew, lease / 3, time, key, logger, _stop.Token);
    }

    private static async Task RunAsync(
        Func<Task<bool>> renew, TimeSpan period, TimeProvider time, string key, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!await renew())
                    {
                        LogLost(logger, key);
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewFailed(logger, exception, key);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lock {Key} is no longer held by its owner; watchdog stopped")]
    private static partial void LogLost(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing lock {Key} failed; retrying on the next tick")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string key);
}
