using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

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

    /// <summary>
    /// How often consumers commit the offsets of handled messages (librdkafka auto.commit.interval.ms over offsets
    /// stored after handling; default 200 ms). A crash redelivers at most this long's handled messages.
    /// </summary>
    [Range(10, 60_000)]
    public int CommitIntervalMilliseconds { get; set; } = 200;

    /// <summary>
    /// Order-creating consumer clients per process (default 3, the topic's default partition count): with fewer
    /// clients in the whole group than partitions, some client reads several partitions one message at a time.
    /// </summary>
    [Range(1, 64)]
    public int OrderConsumers { get; set; } = 3;

    /// <summary>Run the order-creating consumer in this process.</summary>
    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>
    /// librdkafka <c>security.protocol</c>: <c>Plaintext</c>, <c>Ssl</c>, <c>SaslPlaintext</c> or <c>SaslSsl</c>.
    /// Unset (default): librdkafka's default, plaintext.
    /// </summary>
    public SecurityProtocol? SecurityProtocol { get; set; }

    /// <summary>
    /// <c>sasl.mechanism</c> with a SASL protocol: <c>Plain</c>, <c>ScramSha256</c>, <c>ScramSha512</c>, <c>Gssapi</c>
    /// or <c>OAuthBearer</c>. Default: unset.
    /// </summary>
    public SaslMechanism? SaslMechanism { get; set; }

    /// <summary><c>sasl.username</c> for PLAIN and SCRAM. Default: unset.</summary>
    public string? SaslUsername { get; set; }

    /// <summary><c>sasl.password</c> for PLAIN and SCRAM. Default: unset.</summary>
    public string? SaslPassword { get; set; }

    /// <summary><c>ssl.ca.location</c>: CA certificate(s) to verify the brokers with. Default: the system's store.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary><c>ssl.certificate.location</c>: client certificate for mutual TLS (with <see cref="SslKeyLocation"/>). Default: unset.</summary>
    public string? SslCertificateLocation { get; set; }

    /// <summary><c>ssl.key.location</c>: the client certificate's private key. Default: unset.</summary>
    public string? SslKeyLocation { get; set; }

    /// <summary><c>ssl.key.password</c>: the private key's passphrase, when it has one. Default: unset.</summary>
    public string? SslKeyPassword { get; set; }

    /// <summary>
    /// <c>ssl.endpoint.identification.algorithm</c>: <c>Https</c> (default, the broker's host name must match its
    /// certificate) or <c>None</c>.
    /// </summary>
    public SslEndpointIdentificationAlgorithm? SslEndpointIdentificationAlgorithm { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelayMilliseconds < RetryBaseDelayMilliseconds)
        {
            yield return new ValidationResult(
                "Kafka:RetryMaxDelayMilliseconds must not be below Kafka:RetryBaseDelayMilliseconds.", [nameof(RetryMaxDelayMilliseconds)]);
        }

        if (WorstCaseRetryWait() >= MaxPollInterval)
        {
            // Retries happen inside one poll: past librdkafka's max.poll.interval.ms the consumer leaves its group,
            // the message is redelivered and retried from the start, and never reaches the dead-letter topic.
            yield return new ValidationResult(
                $"Kafka:MaxDeliveryAttempts {MaxDeliveryAttempts} with retry delays {RetryBaseDelayMilliseconds}-{RetryMaxDelayMilliseconds} ms "
                + $"can wait {WorstCaseRetryWait().TotalSeconds:F0} s on one message, past the consumer's poll limit of {MaxPollInterval.TotalSeconds:F0} s.",
                [nameof(MaxDeliveryAttempts)]);
        }

        var sasl = SecurityProtocol is Confluent.Kafka.SecurityProtocol.SaslPlaintext or Confluent.Kafka.SecurityProtocol.SaslSsl;
        var tls = SecurityProtocol is Confluent.Kafka.SecurityProtocol.Ssl or Confluent.Kafka.SecurityProtocol.SaslSsl;
        var anySecurity = SecurityProtocol is not null || SaslMechanism is not null || !string.IsNullOrEmpty(SaslUsername)
            || !string.IsNullOrEmpty(SaslPassword) || !string.IsNullOrEmpty(SslCaLocation) || !string.IsNullOrEmpty(SslCertificateLocation)
            || !string.IsNullOrEmpty(SslKeyLocation) || !string.IsNullOrEmpty(SslKeyPassword) || SslEndpointIdentificationAlgorithm is not null;
        if (anySecurity && string.IsNullOrWhiteSpace(BootstrapServers))
        {
            // The in-memory mock cluster speaks neither TLS nor SASL.
            yield return new ValidationResult("Kafka security settings need Kafka:BootstrapServers (the in-memory mock cluster has no TLS or SASL).",
                [nameof(BootstrapServers)]);
            yield break;
        }

        if (sasl && SaslMechanism is null)
        {
            yield return new ValidationResult($"Kafka:SecurityProtocol {SecurityProtocol} needs Kafka:SaslMechanism.", [nameof(SaslMechanism)]);
        }

        if (!sasl && (SaslMechanism is not null || !string.IsNullOrEmpty(SaslUsername) || !string.IsNullOrEmpty(SaslPassword)))
        {
            yield return new ValidationResult("Kafka:SaslMechanism, Kafka:SaslUsername and Kafka:SaslPassword need Kafka:SecurityProtocol SaslPlaintext or SaslSsl.",
                [nameof(SecurityProtocol)]);
        }

        if (sasl && SaslMechanism is Confluent.Kafka.SaslMechanism.Plain or Confluent.Kafka.SaslMechanism.ScramSha256 or Confluent.Kafka.SaslMechanism.ScramSha512
            && (string.IsNullOrEmpty(SaslUsername) || string.IsNullOrEmpty(SaslPassword)))
        {
            yield return new ValidationResult($"Kafka:SaslMechanism {SaslMechanism} needs Kafka:SaslUsername and Kafka:SaslPassword.",
                [nameof(SaslUsername), nameof(SaslPassword)]);
        }

        if (!tls && (!string.IsNullOrEmpty(SslCaLocation) || !string.IsNullOrEmpty(SslCertificateLocation) || !string.IsNullOrEmpty(SslKeyLocation)
            || !string.IsNullOrEmpty(SslKeyPassword) || SslEndpointIdentificationAlgorithm is not null))
        {
            yield return new ValidationResult("Kafka:Ssl* settings need Kafka:SecurityProtocol Ssl or SaslSsl.", [nameof(SecurityProtocol)]);
        }

        if (string.IsNullOrEmpty(SslCertificateLocation) != string.IsNullOrEmpty(SslKeyLocation))
        {
            yield return new ValidationResult("Kafka:SslCertificateLocation and Kafka:SslKeyLocation go together (mutual TLS needs both).",
                [nameof(SslCertificateLocation), nameof(SslKeyLocation)]);
        }
    }

    /// <summary>librdkafka's default <c>max.poll.interval.ms</c>, which the consumers keep.</summary>
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(300_000);

    /// <summary>The longest in-place wait on one message: every back-off at its full (unjittered) length.</summary>
    private TimeSpan WorstCaseRetryWait()
    {
        var total = TimeSpan.Zero;
        for (var failed = 1; failed < MaxDeliveryAttempts; failed++)
        {
            total += Retries.ExponentialBackoff.Delay(failed, TimeSpan.FromMilliseconds(RetryBaseDelayMilliseconds),
                TimeSpan.FromMilliseconds(Math.Max(RetryBaseDelayMilliseconds, RetryMaxDelayMilliseconds)), random: 1);
        }

        return total;
    }
}
