using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// At-least-once order creation: consume an <see cref="OrderRequested"/>, decide it in PostgreSQL
/// (<see cref="FlashOrderCreator"/>), and only after that transaction committed store the offset for the next
/// background commit. A crash before that commit redelivers the message, which then finds its decision.
/// A failing step is retried in place by the base class up to its bound, then dead-lettered (an unreadable message at
/// once); the reservation is not lost with it: the reconciler re-publishes it while its sale runs and releases it after.
/// </summary>
public sealed partial class OrderRequestedConsumer(
    KafkaCluster cluster,
    IServiceScopeFactory scopes,
    DeadLetterQueue deadLetters,
    IOptions<KafkaOptions> options,
    FlashSaleMetrics metrics,
    KafkaConsumerMetrics consumerMetrics,
    ILogger<OrderRequestedConsumer> logger) : CommittingKafkaConsumer(deadLetters, options, consumerMetrics, logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private long _decided;

    /// <summary>Messages decided since start (for tests and metrics).</summary>
    public long Decided => Interlocked.Read(ref _decided);

    protected override bool Enabled => KafkaSettings.ConsumerEnabled;

    protected override int Consumers => KafkaSettings.OrderConsumers;

    protected override string Topic => KafkaSettings.OrderRequestsTopic;

    protected override TimeSpan RestartPause => MaxBackoff;

    protected override Task EnsureTopicAsync() => cluster.EnsureTopicAsync();

    protected override ConsumerConfig CreateConfig() => cluster.Configure(new ConsumerConfig()
    {
        GroupId = KafkaSettings.OrderCreatorGroup,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // The consumer may start before anything was produced: let it create the topic.
        AllowAutoCreateTopics = true,
        SessionTimeoutMs = KafkaSettings.SessionTimeoutMilliseconds,
        HeartbeatIntervalMs = KafkaSettings.SessionTimeoutMilliseconds / 4,
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
            throw new PoisonMessageException("unreadable OrderRequested: " + ex.Message, ex);
        }

        if (request is null || request.ReservationId == Guid.Empty || request.SaleId == Guid.Empty || request.UserId == Guid.Empty)
        {
            throw new PoisonMessageException("OrderRequested without a reservation, sale or user id");
        }

        await DecideAsync(request, stoppingToken);
        Interlocked.Increment(ref _decided);
    }

    private async Task DecideAsync(OrderRequested request, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var creator = scope.ServiceProvider.GetRequiredService<FlashOrderCreator>();
        var decision = await creator.DecideAsync(request, stoppingToken);
        metrics.Decided(decision, request.RequestedAt);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId} decided but not settled in Redis; the reconciler will")]
    private static partial void LogRedisSettleFailed(ILogger logger, Exception exception, Guid reservationId);
}
