using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// The process's one Kafka producer (librdkafka producers are thread-safe and batch best when
/// shared): idempotent, acks=all, a short linger. A send returns only once the message is
/// persisted on the in-sync replicas, and throws otherwise, so callers can rely on "returned =
/// durable" for at-least-once hand-offs.
/// </summary>
public sealed class DurableKafkaProducer : IDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public DurableKafkaProducer(KafkaCluster cluster, IOptions<KafkaOptions> options)
    {
        _cluster = cluster;
        _producer = new Lazy<IProducer<string, byte[]>>(() => new ProducerBuilder<string, byte[]>(_cluster.Configure(new ProducerConfig
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = options.Value.MessageTimeoutMilliseconds,
            // A short linger batches the hot path's concurrent messages without adding visible latency.
            LingerMs = 2,
        })).Build());
    }

    /// <summary>Sends <paramref name="value"/> keyed by <paramref name="key"/> (one key, one partition, in order).</summary>
    public Task SendAsync(string topic, string key, byte[] value, CancellationToken cancellationToken) =>
        SendAsync(topic, key, value, headers: null, cancellationToken);

    /// <summary>Sends a message with <paramref name="headers"/> (a dead letter's, a replay's); a null key picks any partition.</summary>
    public async Task SendAsync(string topic, string? key, byte[] value, Headers? headers, CancellationToken cancellationToken)
    {
        await _cluster.EnsureTopicAsync(topic);
        using var activity = MessagingTracing.StartSend(topic, ref headers);
        var result = await _producer.Value.ProduceAsync(
            topic, new Message<string, byte[]> { Key = key!, Value = value, Headers = headers }, cancellationToken);
        if (result.Status != PersistenceStatus.Persisted)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Status.ToString());
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut, $"Message to {topic} not persisted: {result.Status}."));
        }

        activity?.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
