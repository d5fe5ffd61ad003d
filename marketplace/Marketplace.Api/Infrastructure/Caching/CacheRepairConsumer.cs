using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Api.Infrastructure.Retries;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Retries failed cache writes from the retry topic. A message is not tried before its not-before
/// time; a retry that fails again goes back on the topic with the next attempt's later not-before
/// (exponential backoff, capped), and only then is the offset committed, so nothing is dropped
/// while Redis is down, until <see cref="CacheOptions.RepairMaxAttempts"/> tries: then it is dead-lettered for an
/// admin to replay. An evict removes the entry from L2 and, through the backplane, from every
/// instance's L1.
/// </summary>
public sealed partial class CacheRepairConsumer(
    KafkaCluster cluster,
    ReadThroughCache cache,
    BloomFilters filters,
    CacheRepairPublisher publisher,
    CacheMetrics metrics,
    TimeProvider time,
    DeadLetterQueue deadLetters,
    IOptions<CacheOptions> options,
    IOptions<KafkaOptions> kafka,
    KafkaConsumerMetrics consumerMetrics,
    ILogger<CacheRepairConsumer> logger) : CommittingKafkaConsumer(deadLetters, kafka, consumerMetrics, logger)
{
    private long _succeeded;

    /// <summary>Repairs applied since start.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    protected override bool Enabled => options.Value.Enabled && options.Value.RepairConsumerEnabled;

    protected override string Topic => options.Value.RepairTopic;

    protected override TimeSpan RestartPause { get; } = TimeSpan.FromSeconds(2);

    protected override Task EnsureTopicAsync() => cluster.EnsureTopicAsync(options.Value.RepairTopic);

    protected override ConsumerConfig CreateConfig() => cluster.Configure(new ConsumerConfig()
    {
        GroupId = options.Value.RepairGroup,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        AllowAutoCreateTopics = true,
        SessionTimeoutMs = KafkaSettings.SessionTimeoutMilliseconds,
        HeartbeatIntervalMs = KafkaSettings.SessionTimeoutMilliseconds / 4,
        // Waiting out a not-before is not a stuck consumer.
        MaxPollIntervalMs = (int)Math.Max(300_000, options.Value.RepairMaxBackoff.TotalMilliseconds * 2),
    });

    protected override Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken) =>
        HandleAsync(result.Message.Value, stoppingToken);

    private async Task HandleAsync(byte[] payload, CancellationToken stoppingToken)
    {
        CacheRepair? repair;
        try
        {
            repair = JsonSerializer.Deserialize<CacheRepair>(payload, CacheRepairPublisher.Json);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException("unreadable cache repair: " + ex.Message, ex);
        }

        if (repair is null || repair.Id == Guid.Empty || repair.Kind is not (CacheRepair.Evict or CacheRepair.BloomAdd))
        {
            throw new PoisonMessageException("cache repair without an id or a known kind");
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
        catch (Exception ex) when (ex is not OperationCanceledException && repair.Attempt >= options.Value.RepairMaxAttempts)
        {
            metrics.Repair(repair.Kind, "dead_lettered");
            throw new PoisonMessageException($"cache repair failed {repair.Attempt} times, the last: {ex.GetType().Name}: {ex.Message}", ex)
            {
                Attempts = repair.Attempt,
            };
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

    // The shared doubling with its random factor pinned at 1: repairs keep their exact, unjittered schedule.
    private TimeSpan Backoff(int attempt) =>
        ExponentialBackoff.Delay(attempt, options.Value.RepairInitialBackoff, options.Value.RepairMaxBackoff, random: 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache repair failed again ({Error}): {Kind} {Region} {Id}; attempt {Attempt} queued")]
    private static partial void LogRetryAgain(ILogger logger, string error, string kind, string region, Guid id, int attempt);
}
