using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// Consumer lag (meter <see cref="MeterName"/>; at /metrics as <c>marketplace_kafka_consumer_lag{topic,partition,group}</c>):
/// per partition this process consumes, the messages behind the partition's end as of the last message read (the high
/// watermark librdkafka learnt with its last fetch). Summed over a group's partitions it says how far order creation
/// is behind the purchases; a partition moves to another instance on a rebalance and leaves this one's gauge.
/// </summary>
public sealed class KafkaConsumerMetrics
{
    public const string MeterName = "Marketplace.Messaging";

    private readonly ConcurrentDictionary<(string Group, string Topic, int Partition), long> _lag = new();

    public KafkaConsumerMetrics(IMeterFactory meters)
    {
        meters.Create(MeterName).CreateObservableGauge("marketplace.kafka.consumer_lag", Observe, unit: "{message}",
            description: "Messages between a consumed partition's last read message and its end (high watermark).");
    }

    /// <summary>Records the lag after <paramref name="result"/> was read, from the client's cached watermarks.</summary>
    public void Read(string group, IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> result)
    {
        var high = consumer.GetWatermarkOffsets(result.TopicPartition).High;
        if (high == Offset.Unset)
        {
            return;
        }

        _lag[(group, result.Topic, result.Partition.Value)] = Math.Max(0, high.Value - (result.Offset.Value + 1));
    }

    /// <summary>Partitions this process no longer consumes (revoked or lost in a rebalance).</summary>
    public void Forget(string group, IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _lag.TryRemove((group, partition.Topic, partition.Partition.Value), out _);
        }
    }

    private IEnumerable<Measurement<long>> Observe() => _lag.Select(entry => new Measurement<long>(entry.Value,
        new KeyValuePair<string, object?>("group", entry.Key.Group),
        new KeyValuePair<string, object?>("topic", entry.Key.Topic),
        new KeyValuePair<string, object?>("partition", entry.Key.Partition)));
}
