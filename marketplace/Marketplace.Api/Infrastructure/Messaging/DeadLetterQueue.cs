using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Npgsql;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// Where consumers put messages they gave up on: first the Kafka dead-letter topic <c>&lt;topic&gt;.dlq</c> (the
/// message as it was, with <see cref="DeadLetterHeaders"/>), then a <c>dead_letters</c> row, which is what admins
/// list and replay (a table is indexed and remembers replays; the topic would have to be read from its start).
/// Either step failing throws, so the consumer does not commit and the message comes back: a dead letter recorded
/// twice is one row (unique on its original position) and a duplicate on the archive topic is harmless.
/// </summary>
public sealed partial class DeadLetterQueue(
    DurableKafkaProducer producer, NpgsqlDataSource dataSource, TimeProvider time, ILogger<DeadLetterQueue> logger)
{
    private const string Record = """
        INSERT INTO dead_letters (topic, partition, "offset", key, value, error, attempts, dead_at, replays)
        VALUES (@topic, @partition, @offset, @key, @value, @error, @attempts, @now, 0)
        ON CONFLICT (topic, partition, "offset") DO NOTHING
        """;

    private const string Find = """SELECT topic, key, value FROM dead_letters WHERE id = @id""";

    private const string MarkReplayed = """
        UPDATE dead_letters SET replays = replays + 1, last_replayed_at = @now WHERE id = @id
        """;

    public async Task SendAsync(ConsumeResult<string, byte[]> result, string error, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        error = error.Length > 2000 ? error[..2000] : error;
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(DeadLetterHeaders.Error, Encoding.UTF8.GetBytes(error));
        headers.Add(DeadLetterHeaders.Attempts, Text(attempts));
        headers.Add(DeadLetterHeaders.OriginalTopic, Encoding.UTF8.GetBytes(result.Topic));
        headers.Add(DeadLetterHeaders.OriginalPartition, Text(result.Partition.Value));
        headers.Add(DeadLetterHeaders.OriginalOffset, Text(result.Offset.Value));
        await producer.SendAsync(DeadLetterHeaders.TopicFor(result.Topic), result.Message.Key, result.Message.Value ?? [], headers, cancellationToken);

        await using (var insert = dataSource.CreateCommand(Record))
        {
            insert.Parameters.AddWithValue("topic", result.Topic);
            insert.Parameters.AddWithValue("partition", result.Partition.Value);
            insert.Parameters.AddWithValue("offset", result.Offset.Value);
            insert.Parameters.AddWithValue("key", (object?)result.Message.Key ?? DBNull.Value);
            insert.Parameters.AddWithValue("value", result.Message.Value ?? []);
            insert.Parameters.AddWithValue("error", error);
            insert.Parameters.AddWithValue("attempts", attempts);
            insert.Parameters.AddWithValue("now", time.GetUtcNow());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        LogDeadLettered(logger, result.TopicPartitionOffset.ToString(), attempts, error);
    }

    /// <summary>
    /// Re-publishes dead letter <paramref name="id"/> to its original topic (same key, so the same partition) for its
    /// consumer to try afresh; false when there is no such letter. Kafka failures propagate.
    /// </summary>
    public async Task<bool> ReplayAsync(long id, CancellationToken cancellationToken)
    {
        string topic;
        string? key;
        byte[] value;
        await using (var find = dataSource.CreateCommand(Find))
        {
            find.Parameters.AddWithValue("id", id);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            topic = reader.GetString(0);
            key = reader.IsDBNull(1) ? null : reader.GetString(1);
            value = reader.GetFieldValue<byte[]>(2);
        }

        await producer.SendAsync(topic, key, value, headers: null, cancellationToken);
        await using (var mark = dataSource.CreateCommand(MarkReplayed))
        {
            mark.Parameters.AddWithValue("id", id);
            mark.Parameters.AddWithValue("now", time.GetUtcNow());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        LogReplayed(logger, id, topic);
        return true;
    }

    private static byte[] Text(long value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    [LoggerMessage(Level = LogLevel.Error, Message = "Message at {Position} dead-lettered after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string position, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead letter {Id} replayed to {Topic} by an admin")]
    private static partial void LogReplayed(ILogger logger, long id, string topic);
}
