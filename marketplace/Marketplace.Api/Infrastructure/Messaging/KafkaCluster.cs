using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// Where the brokers are. With <see cref="KafkaOptions.BootstrapServers"/> it is that cluster;
/// without, this object hosts librdkafka's mock cluster (<c>test.mock.num.brokers</c>): an
/// in-memory Kafka speaking the real protocol that lives exactly as long as the client that
/// created it, so this singleton keeps that client until the process ends.
/// </summary>
public sealed partial class KafkaCluster(IOptions<KafkaOptions> options, ILogger<KafkaCluster> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private IAdminClient? _mockHost;
    private string? _bootstrapServers;
    private readonly Dictionary<string, Task> _topicsReady = new(StringComparer.Ordinal);

    public bool IsInMemory => string.IsNullOrWhiteSpace(options.Value.BootstrapServers);

    /// <summary>The <c>bootstrap.servers</c> producers and consumers use; starts the mock cluster on first call.</summary>
    public string BootstrapServers
    {
        get
        {
            lock (_gate)
            {
                return _bootstrapServers ??= Resolve();
            }
        }
    }

    /// <summary>
    /// Points <paramref name="config"/> at the cluster with the configured TLS and SASL settings: the one place every
    /// producer, consumer and admin client gets them from. Starts the mock cluster on first call.
    /// </summary>
    public T Configure<T>(T config) where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = options.Value;
        config.BootstrapServers = BootstrapServers;
        if (settings.SecurityProtocol is { } protocol)
        {
            config.SecurityProtocol = protocol;
        }

        if (settings.SaslMechanism is { } mechanism)
        {
            config.SaslMechanism = mechanism;
        }

        if (settings.SslEndpointIdentificationAlgorithm is { } identification)
        {
            config.SslEndpointIdentificationAlgorithm = identification;
        }

        SetIfGiven(config, "sasl.username", settings.SaslUsername);
        SetIfGiven(config, "sasl.password", settings.SaslPassword);
        SetIfGiven(config, "ssl.ca.location", settings.SslCaLocation);
        SetIfGiven(config, "ssl.certificate.location", settings.SslCertificateLocation);
        SetIfGiven(config, "ssl.key.location", settings.SslKeyLocation);
        SetIfGiven(config, "ssl.key.password", settings.SslKeyPassword);
        return config;
    }

    private static void SetIfGiven(ClientConfig config, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            config.Set(key, value);
        }
    }

    /// <summary>Makes sure the order-requests topic exists (once per process).</summary>
    public Task EnsureTopicAsync() => EnsureTopicAsync(options.Value.OrderRequestsTopic);

    /// <summary>
    /// Makes sure <paramref name="topic"/> exists (once per process). A metadata request that
    /// allows auto-creation comes first: it is all the mock cluster understands (it has no
    /// controller for CreateTopics) and enough for brokers that auto-create; otherwise CreateTopics
    /// with the configured partitions. A failure is logged, not thrown: producing and consuming
    /// report their own errors and retry.
    /// </summary>
    public Task EnsureTopicAsync(string topic)
    {
        lock (_gate)
        {
            if (!_topicsReady.TryGetValue(topic, out var ready))
            {
                ready = Task.Run(() => EnsureTopic(topic));
                _topicsReady[topic] = ready;
            }

            return ready;
        }
    }

    private string Resolve()
    {
        var settings = options.Value;
        if (!IsInMemory)
        {
            return settings.BootstrapServers!;
        }

        var config = new AdminClientConfig();
        config.Set("test.mock.num.brokers", settings.MockBrokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _mockHost = new AdminClientBuilder(config).Build();
        var metadata = _mockHost.GetMetadata(TimeSpan.FromSeconds(10));
        var brokers = string.Join(',', metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        LogInMemory(logger, settings.MockBrokers, brokers);
        return brokers;
    }

    private void EnsureTopic(string topicName)
    {
        var settings = options.Value;
        using var admin = new AdminClientBuilder(Configure(new AdminClientConfig { AllowAutoCreateTopics = true })).Build();
        try
        {
            var topic = admin.GetMetadata(topicName, TimeSpan.FromSeconds(10)).Topics
                .SingleOrDefault(t => t.Topic == topicName);
            if (topic is { Error.Code: ErrorCode.NoError } && topic.Partitions.Count > 0)
            {
                return;
            }

            var brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Count;
            admin.CreateTopicsAsync(
                [new TopicSpecification
                {
                    Name = topicName,
                    NumPartitions = settings.Partitions,
                    ReplicationFactor = (short)Math.Min(3, brokers),
                }],
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) }).GetAwaiter().GetResult();
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
            // Another instance (or an earlier run) created it.
        }
        catch (KafkaException ex)
        {
            LogCreateFailed(logger, ex, topicName);
        }
    }

    public void Dispose()
    {
        _mockHost?.Dispose();
        _mockHost = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create Kafka topic {Topic}; relying on broker auto-creation")]
    private static partial void LogCreateFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Kafka:BootstrapServers is not set: using librdkafka's IN-MEMORY mock cluster ({Brokers} brokers at {Addresses}); messages do not survive a restart")]
    private static partial void LogInMemory(ILogger logger, int brokers, string addresses);
}
