using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.Messaging;

public sealed class KafkaOptions
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

    /// <summary>Run the order-creating consumer in this process.</summary>
    public bool ConsumerEnabled { get; set; } = true;
}
