using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// At-least-once order creation: consume an <see cref="OrderRequested"/>, decide it in PostgreSQL
/// (<see cref="FlashOrderCreator"/>), and only after that transaction committed commit the offset
/// (auto-commit is off). A crash in between redelivers the message, which then finds its decision.
/// A failing step is retried with backoff, never skipped; only a message that cannot be parsed is.
/// </summary>
public sealed partial class OrderRequestedConsumer(
    KafkaCluster cluster,
    IServiceScopeFactory scopes,
    IOptions<KafkaOptions> options,
    ILogger<OrderRequestedConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private long _decided;

    /// <summary>Messages decided since start (for tests and metrics).</summary>
    public long Decided => Interlocked.Read(ref _decided);

    // Consume blocks its thread; a dedicated one keeps it off the request thread pool.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    // A broken client (brokers unreachable at start, a fatal librdkafka error) is rebuilt after a
    // pause rather than left to stop the host: offsets are committed only after decisions, so a
    // restart re-reads from the last commit.
    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ConsumerEnabled)
        {
            LogDisabled(logger);
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
                    await Task.Delay(MaxBackoff, stoppingToken);
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
        await cluster.EnsureTopicAsync();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = settings.OrderCreatorGroup,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The consumer may start before anything was produced: let it create the topic.
            AllowAutoCreateTopics = true,
            SessionTimeoutMs = settings.SessionTimeoutMilliseconds,
            HeartbeatIntervalMs = settings.SessionTimeoutMilliseconds / 4,
        }).Build();
        consumer.Subscribe(settings.OrderRequestsTopic);
        LogStarted(logger, settings.OrderRequestsTopic, settings.OrderCreatorGroup);
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
                    LogConsumeError(logger, ex.Error.Reason);
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                await HandleAsync(result, stoppingToken);
                consumer.Commit(result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message in hand (if any) was not committed and will be redelivered.
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
    {
        OrderRequested? request;
        try
        {
            request = JsonSerializer.Deserialize<OrderRequested>(result.Message.Value, FlashSaleJson.Options);
        }
        catch (JsonException ex)
        {
            LogPoison(logger, ex, result.TopicPartitionOffset.ToString());
            return;
        }

        if (request is null || request.ReservationId == Guid.Empty || request.SaleId == Guid.Empty || request.UserId == Guid.Empty)
        {
            LogPoison(logger, null, result.TopicPartitionOffset.ToString());
            return;
        }

        var backoff = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                await DecideAsync(request, stoppingToken);
                Interlocked.Increment(ref _decided);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, ex, request.ReservationId, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task DecideAsync(OrderRequested request, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var creator = scope.ServiceProvider.GetRequiredService<FlashOrderCreator>();
        var decision = await creator.DecideAsync(request, stoppingToken);
        try
        {
            var settlement = scope.ServiceProvider.GetRequiredService<ReservationSettlement>();
            await settlement.ApplyToRedisAsync(request.SaleId, request.ReservationId, request.UserId, decision);
        }
        catch (RedisException ex)
        {
            // The decision is durable; the reconciler applies it to Redis later.
            LogRedisSettleFailed(logger, ex, request.ReservationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consume error (retrying): {Reason}")]
    private static partial void LogConsumeError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order creator failed; restarting it shortly")]
    private static partial void LogCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka:ConsumerEnabled is false: no flash orders are created in this process")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order creator consuming {Topic} as group {Group}")]
    private static partial void LogStarted(ILogger logger, string topic, string group);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping unreadable OrderRequested message at {Position}")]
    private static partial void LogPoison(ILogger logger, Exception? exception, string position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deciding reservation {ReservationId} failed; retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid reservationId, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId} decided but not settled in Redis; the reconciler will")]
    private static partial void LogRedisSettleFailed(ILogger logger, Exception exception, Guid reservationId);
}
