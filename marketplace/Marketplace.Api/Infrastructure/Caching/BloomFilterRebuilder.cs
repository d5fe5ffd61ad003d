using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using DbException = System.Data.Common.DbException;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Builds each region's bloom filter from PostgreSQL: once when the host has started (after
/// migrations), again whenever a periodic check finds it missing from Redis (Redis restarted
/// without its data), and on demand through the admin endpoint. Until a filter is complete,
/// lookups pass through it (<see cref="BloomAnswer.Unknown"/>).
/// </summary>
public sealed partial class BloomFilterRebuilder(
    BloomFilters filters,
    IEnumerable<ICacheRegion> regions,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<CacheOptions> options,
    ILogger<BloomFilterRebuilder> logger) : BackgroundService
{
    /// <summary>Rebuilds every region now; null for a region whose rebuild another instance is running.</summary>
    public async Task<IReadOnlyDictionary<string, long?>> RebuildAllAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            counts[region.Name] = await RebuildAsync(region, cancellationToken);
        }

        return counts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Hosted services start before the database initializer has migrated a fresh database.
        await WhenStartedAsync(stoppingToken);
        var rebuildAll = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var region in regions)
            {
                try
                {
                    if (rebuildAll || !await filters.For(region.Name).IsReadyAsync())
                    {
                        var count = await RebuildAsync(region, stoppingToken);
                        LogRebuilt(logger, region.Name, count ?? -1);
                    }
                }
                catch (Exception ex) when (ex is RedisException or RedisTimeoutException or DbException or InvalidOperationException)
                {
                    LogRebuildFailed(logger, ex, region.Name);
                }
            }

            rebuildAll = false;
            try
            {
                await Task.Delay(options.Value.BloomCheckInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<long?> RebuildAsync(ICacheRegion region, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return await filters.For(region.Name).RebuildAsync(region.AllIds(db).AsAsyncEnumerable(), cancellationToken);
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bloom filter {Region} rebuilt from PostgreSQL with {Count} ids (-1: another instance was rebuilding)")]
    private static partial void LogRebuilt(ILogger logger, string region, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bloom filter {Region} could not be rebuilt; lookups pass through it until it is")]
    private static partial void LogRebuildFailed(ILogger logger, Exception exception, string region);
}
