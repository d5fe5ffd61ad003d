using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.Messaging;

public sealed class KafkaOptions : IValidatableObject
{
    public const string Section = "Kafka";

    /// <summary>A real cluster's brokers. Unset: librdkafka's in-process mock cluster (development and tests).</summary>
    public string? BootstrapServers { get; set; }

    [Required]
    [RegularExpression("^[a-zA-Z0-9._-]{1,249}$")]
    public string OrderRequestsTopic { get; set; } = "flash-sale.order-requested";

    [Required]
    public string OrderCreatorGroup { get; set; } = "marketplace.flash-order-creator";

    /// <summary>Partitions for the topic when the API creates it (the mock cluster always).</summary>
    [Range(1, 256)]
    public int Partitions { get; set; } = 3;

    /// <summary>Brokers the mock cluster starts with.</summary>
    [Range(1, 9)]
    public int MockBrokers { get; set; } = 3;

    /// <summary>How long a produce may wait for the broker before it fails (librdkafka message.timeout.ms).</summary>
    [Range(100, 300_000)]
    public int MessageTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// Consumer group session timeout: how long the group waits for a silent member (a crashed
    /// instance) before handing its partitions to another.
    /// </summary>
    [Range(6000, 300_000)]
    public int SessionTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>
    /// Tries of one consumed message (the first included) before it goes to its dead-letter topic
    /// <c>&lt;topic&gt;.dlq</c> and the partition moves on (default 10: about 20 s with the default delays).
    /// </summary>
    [Range(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>Wait after a message's first failed try (default 100 ms); doubles per try, with jitter.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 100;

    /// <summary>The longest wait between two tries of one message (default 5 s).</summary>
    [Range(1, 60_000)]
    public int RetryMaxDelayMilliseconds { get; set; } = 5000;

    /// <summary>Run the order-creating consumer in this process.</summary>
    public bool ConsumerEnabled { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelayMilliseconds < RetryBaseDelayMilliseconds)
        {
            yield return new ValidationResult(
                "Kafka:RetryMaxDelayMilliseconds must not be below Kafka:RetryBaseDelayMilliseconds.", [nameof(RetryMaxDelayMilliseconds)]);
        }
    }
}
