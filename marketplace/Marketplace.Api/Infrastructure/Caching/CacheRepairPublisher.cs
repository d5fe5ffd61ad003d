using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Puts failed cache writes on the retry topic (idempotent producer, acks=all), keyed by region and
/// id so one entry's retries stay in order on one partition.
/// </summary>
public sealed class CacheRepairPublisher : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly KafkaCluster _cluster;
    private readonly CacheOptions _options;
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public CacheRepairPublisher(KafkaCluster cluster, IOptions<CacheOptions> options, IOptions<KafkaOptions> kafka)
    {
        _cluster = cluster;
        _options = options.Value;
        _producer = new Lazy<IProducer<string, byte[]>>(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = kafka.Value.MessageTimeoutMilliseconds,
        }).Build());
    }

    public async Task PublishAsync(CacheRepair repair, CancellationToken cancellationToken)
    {
        await _cluster.EnsureTopicAsync(_options.RepairTopic);
        var result = await _producer.Value.ProduceAsync(_options.RepairTopic, new Message<string, byte[]>
        {
            Key = repair.Region + ":" + repair.Id.ToString("N"),
            Value = JsonSerializer.SerializeToUtf8Bytes(repair, Json),
        }, cancellationToken);
        if (result.Status != PersistenceStatus.Persisted)
        {
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut, $"Cache repair not persisted: {result.Status}."));
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
