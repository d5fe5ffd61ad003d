using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Features.FlashSales;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// The idempotent producer (acks=all, enable.idempotence) for <see cref="OrderRequested"/>, keyed by
/// sale id so one sale's requests stay in order on one partition. One producer per process: it is
/// thread-safe and batches concurrent purchases.
/// </summary>
public sealed class KafkaOrderRequestPublisher : IOrderRequestPublisher, IDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly KafkaOptions _options;
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public KafkaOrderRequestPublisher(KafkaCluster cluster, IOptions<KafkaOptions> options)
    {
        _cluster = cluster;
        _options = options.Value;
        _producer = new Lazy<IProducer<string, byte[]>>(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = _options.MessageTimeoutMilliseconds,
            // A short linger batches the hot path's concurrent messages without adding visible latency.
            LingerMs = 2,
        }).Build());
    }

    public async Task PublishAsync(OrderRequested message, CancellationToken cancellationToken)
    {
        await _cluster.EnsureTopicAsync();
        var result = await _producer.Value.ProduceAsync(_options.OrderRequestsTopic, new Message<string, byte[]>
        {
            Key = message.SaleId.ToString("N"),
            Value = JsonSerializer.SerializeToUtf8Bytes(message, FlashSaleJson.Options),
        }, cancellationToken);
        if (result.Status != PersistenceStatus.Persisted)
        {
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut, $"Message not persisted: {result.Status}."));
        }
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }
}
