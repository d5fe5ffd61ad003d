using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Retries failed cache writes from the retry topic. A message is not tried before its not-before
/// time; a retry that fails again goes back on the topic with the next attempt's later not-before
/// (exponential backoff, capped), and only then is the offset committed, so nothing is dropped
/// while Redis is down. An evict removes the entry from L2 and, through the backplane, from every
/// instance's L1.
/// </summary>
public sealed partial class CacheRepairConsumer(
    KafkaCluster cluster,
    ReadThroughCache cache,
    BloomFilters filters,
    CacheRepairPublisher publisher,
    CacheMetrics metrics,
    TimeProvider time,
    IOptions<CacheOptions> options,
    IOptions<KafkaOptions> kafka,
    ILogger<CacheRepairConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(2);

    private long _succeeded;

    /// <summary>Repairs applied since start.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !options.Value.RepairConsumerEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogCrashed(logger, ex);
                try
                {
                    await Task.Delay(RestartPause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await cluster.EnsureTopicAsync(settings.RepairTopic);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = settings.RepairGroup,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            AllowAutoCreateTopics = true,
            SessionTimeoutMs = kafka.Value.SessionTimeoutMilliseconds,
            HeartbeatIntervalMs = kafka.Value.SessionTimeoutMilliseconds / 4,
            // Waiting out a not-before is not a stuck consumer.
            MaxPollIntervalMs = (int)Math.Max(300_000, settings.RepairMaxBackoff.TotalMilliseconds * 2),
        }).Build();
        consumer.Subscribe(settings.RepairTopic);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    LogConsumeError(logger, ex.Error.Reason);
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                await HandleAsync(result.Message.Value, stoppingToken);
                consumer.Commit(result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The message in hand was not committed and comes back on the next start.
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(byte[] payload, CancellationToken stoppingToken)
    {
        CacheRepair? repair;
        try
        {
            repair = JsonSerializer.Deserialize<CacheRepair>(payload, CacheRepairPublisher.Json);
        }
        catch (JsonException ex)
        {
            LogPoison(logger, ex);
            return;
        }

        if (repair is null || repair.Id == Guid.Empty || repair.Kind is not (CacheRepair.Evict or CacheRepair.BloomAdd))
        {
            LogPoison(logger, null);
            return;
        }

        var wait = repair.NotBefore - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, stoppingToken);
        }

        try
        {
            if (repair.Kind == CacheRepair.Evict)
            {
                await cache.EvictAsync(repair.Region, repair.Id, stoppingToken);
            }
            else
            {
                await filters.For(repair.Region).AddAsync(repair.Id);
            }

            Interlocked.Increment(ref _succeeded);
            metrics.Repair(repair.Kind, "succeeded");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var next = repair with
            {
                Attempt = repair.Attempt + 1,
                NotBefore = time.GetUtcNow() + Backoff(repair.Attempt + 1),
            };
            LogRetryAgain(logger, ex.GetType().Name, repair.Kind, repair.Region, repair.Id, next.Attempt);
            metrics.Repair(repair.Kind, "failed_again");
            // Not committed until the next attempt is on the topic; if this throws the consumer
            // restarts and reads the same message again.
            await publisher.PublishAsync(next, stoppingToken);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var settings = options.Value;
        var factor = Math.Pow(2, Math.Min(30, attempt - 1));
        return TimeSpan.FromTicks((long)Math.Min(settings.RepairMaxBackoff.Ticks, settings.RepairInitialBackoff.Ticks * factor));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache repair consume error (retrying): {Reason}")]
    private static partial void LogConsumeError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cache repair consumer failed; restarting it shortly")]
    private static partial void LogCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping unreadable cache repair message")]
    private static partial void LogPoison(ILogger logger, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache repair failed again ({Error}): {Kind} {Region} {Id}; attempt {Attempt} queued")]
    private static partial void LogRetryAgain(ILogger logger, string error, string kind, string region, Guid id, int attempt);
}
