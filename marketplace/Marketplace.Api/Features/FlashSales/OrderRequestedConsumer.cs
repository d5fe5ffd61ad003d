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
    ILogger<OrderRequestedConsumer> logger) : CommittingKafkaConsumer(logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private long _decided;

    /// <summary>Messages decided since start (for tests and metrics).</summary>
    public long Decided => Interlocked.Read(ref _decided);

    protected override bool Enabled => options.Value.ConsumerEnabled;

    protected override string Topic => options.Value.OrderRequestsTopic;

    protected override TimeSpan RestartPause => MaxBackoff;

    protected override Task EnsureTopicAsync() => cluster.EnsureTopicAsync();

    protected override ConsumerConfig CreateConfig() => cluster.Configure(new ConsumerConfig()
    {
        GroupId = options.Value.OrderCreatorGroup,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // The consumer may start before anything was produced: let it create the topic.
        AllowAutoCreateTopics = true,
        SessionTimeoutMs = options.Value.SessionTimeoutMilliseconds,
        HeartbeatIntervalMs = options.Value.SessionTimeoutMilliseconds / 4,
    });

    protected override void OnSubscribed(ConsumerConfig config) => LogStarted(logger, Topic, config.GroupId);

    protected override async Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Order creator consuming {Topic} as group {Group}")]
    private static partial void LogStarted(ILogger logger, string topic, string group);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping unreadable OrderRequested message at {Position}")]
    private static partial void LogPoison(ILogger logger, Exception? exception, string position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deciding reservation {ReservationId} failed; retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid reservationId, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId} decided but not settled in Redis; the reconciler will")]
    private static partial void LogRedisSettleFailed(ILogger logger, Exception exception, Guid reservationId);
}
