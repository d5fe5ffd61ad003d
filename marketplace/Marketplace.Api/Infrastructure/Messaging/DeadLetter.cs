namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// A Kafka message a consumer gave up on, as recorded when it was sent to <c>&lt;topic&gt;.dlq</c>: the admins' view
/// (listing the DLQ topic would mean reading it from the start each time; this table is indexed and says which
/// letters were replayed). One row per original position (topic, partition, offset).
/// </summary>
public sealed class DeadLetter
{
    public long Id { get; set; }

    public string Topic { get; set; } = "";

    public int Partition { get; set; }

    public long Offset { get; set; }

    public string? Key { get; set; }

    public byte[] Value { get; set; } = [];

    /// <summary>The last failure, as the consumer saw it.</summary>
    public string Error { get; set; } = "";

    /// <summary>How many times the consumer tried the message before giving up.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset DeadAt { get; set; }

    /// <summary>How many times an admin re-published it to <see cref="Topic"/>.</summary>
    public int Replays { get; set; }

    public DateTimeOffset? LastReplayedAt { get; set; }
}
