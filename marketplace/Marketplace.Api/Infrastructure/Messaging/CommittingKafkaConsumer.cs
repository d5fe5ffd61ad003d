using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Retries;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// An at-least-once Kafka consumer as a <see cref="BackgroundService"/>: a message's offset is stored only after
/// <see cref="HandleAsync"/> returned, and librdkafka commits the stored offsets in the background every
/// <see cref="KafkaOptions.CommitIntervalMilliseconds"/> (and on a rebalance or a clean stop), so a crash redelivers
/// at most that interval's handled messages, which handlers treat as repeats. One synchronous commit per message
/// would bound a partition at one broker round trip per message. Transient consume errors keep polling; a broken client (brokers
/// unreachable at start, a fatal librdkafka error) is rebuilt after <see cref="RestartPause"/>
/// rather than left to stop the host. Subclasses say what to read and what a message does.
/// A message whose handling throws is tried again in place (exponential back-off with jitter) up to
/// <see cref="KafkaOptions.MaxDeliveryAttempts"/> times, or not at all for a <see cref="PoisonMessageException"/>;
/// then it goes to <c>&lt;topic&gt;.dlq</c> (<see cref="DeadLetterQueue"/>) and its offset is stored, so the partition moves on.
/// </summary>
public abstract partial class CommittingKafkaConsumer(
    DeadLetterQueue deadLetters, IOptions<KafkaOptions> kafka, KafkaConsumerMetrics metrics, ILogger logger) : BackgroundService
{
    /// <summary>The <c>Kafka</c> settings (subclasses read them here rather than keep their own copy).</summary>
    protected KafkaOptions KafkaSettings => kafka.Value;

    /// <summary>False: the consumer does not start in this process.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>The topic to read.</summary>
    protected abstract string Topic { get; }

    /// <summary>How long a broken client waits before it is rebuilt.</summary>
    protected abstract TimeSpan RestartPause { get; }

    /// <summary>The client's settings; the offset store and commit settings are set here.</summary>
    protected abstract ConsumerConfig CreateConfig();

    /// <summary>Makes sure the topic exists before subscribing.</summary>
    protected abstract Task EnsureTopicAsync();

    /// <summary>Handles one message; its offset is stored for the next commit when this returns.</summary>
    protected abstract Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken);

    /// <summary>Called once a client subscribed (for a start-up log line).</summary>
    protected virtual void OnSubscribed(ConsumerConfig config)
    {
    }

    /// <summary>
    /// Consumer clients this process runs in the group (default 1), each on its own thread: the group gives each a share
    /// of the topic's partitions, so one process handles that many partitions at once.
    /// </summary>
    protected virtual int Consumers => 1;

    // Consume blocks its thread; a dedicated one per client keeps them off the request thread pool.
    protected sealed override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            LogDisabled(logger, Topic);
            return Task.CompletedTask;
        }

        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, Consumers)).Select(_ =>
            Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogCrashed(logger, ex, Topic);
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
        await EnsureTopicAsync();
        var config = CreateConfig();
        // Offsets are stored by hand after handling, committed in the background.
        config.EnableAutoOffsetStore = false;
        config.EnableAutoCommit = true;
        config.AutoCommitIntervalMs = KafkaSettings.CommitIntervalMilliseconds;
        var group = config.GroupId ?? "";
        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetPartitionsRevokedHandler((_, revoked) => metrics.Forget(group, revoked.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, lost) => metrics.Forget(group, lost.Select(p => p.TopicPartition)))
            .Build();
        consumer.Subscribe(Topic);
        OnSubscribed(config);
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
                    // Transient (topic metadata not there yet, a broker changing): keep polling.
                    LogConsumeError(logger, Topic, ex.Error.Reason);
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                using (MessagingTracing.StartProcess(result))
                {
                    await HandleOrDeadLetterAsync(result, stoppingToken);
                }

                consumer.StoreOffset(result);
                metrics.Read(group, consumer, result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message in hand (if any) was not stored and will be redelivered; Close commits the rest.
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleOrDeadLetterAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
    {
        var settings = KafkaSettings;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await HandleAsync(result, stoppingToken);
                return;
            }
            catch (PoisonMessageException ex)
            {
                await deadLetters.SendAsync(result, ex.Message, ex.Attempts ?? attempt, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= settings.MaxDeliveryAttempts)
                {
                    await deadLetters.SendAsync(result, $"{ex.GetType().Name}: {ex.Message}", attempt, stoppingToken);
                    return;
                }

                var delay = ExponentialBackoff.Delay(attempt, TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds),
                    TimeSpan.FromMilliseconds(settings.RetryMaxDelayMilliseconds), Random.Shared.NextDouble());
                LogRetry(logger, ex, result.TopicPartitionOffset.ToString(), attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling the message at {Position} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, Exception exception, string position, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer of {Topic} is disabled in this process")]
    private static partial void LogDisabled(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consume error on {Topic} (retrying): {Reason}")]
    private static partial void LogConsumeError(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer of {Topic} failed; restarting it shortly")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string topic);
}
