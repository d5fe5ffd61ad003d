using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Messaging;

/// <summary>Kafka's TLS and SASL settings reach every librdkafka client the API builds; bad combinations stop start-up.</summary>
public sealed class KafkaSecurityTests : IDisposable
{
    private readonly MockKafkaCluster _kafka = new(brokers: 1);

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task Tls_and_sasl_settings_reach_producer_consumer_and_admin_configs()
    {
        var ca = Path.GetTempFileName();
        await using var api = new ConfiguredApiFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:SecurityProtocol"] = "SaslSsl",
            ["Kafka:SaslMechanism"] = "ScramSha512",
            ["Kafka:SaslUsername"] = "marketplace",
            ["Kafka:SaslPassword"] = "kafka-secret",
            ["Kafka:SslCaLocation"] = ca,
            ["Kafka:SslEndpointIdentificationAlgorithm"] = "None",
            // Nothing here can reach a SASL_SSL broker: keep the consumers from retrying against the mock cluster.
            ["Kafka:ConsumerEnabled"] = "false",
            ["Cache:RepairConsumerEnabled"] = "false",
        });
        await api.InitializeAsync();
        var cluster = api.Services.GetRequiredService<KafkaCluster>();

        ClientConfig[] configs = [cluster.Configure(new ProducerConfig()), cluster.Configure(new ConsumerConfig()), cluster.Configure(new AdminClientConfig())];

        foreach (var config in configs)
        {
            var settings = config.ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(_kafka.BootstrapServers, settings["bootstrap.servers"]);
            Assert.Equal("sasl_ssl", settings["security.protocol"]);
            Assert.Equal("SCRAM-SHA-512", settings["sasl.mechanism"]);
            Assert.Equal("marketplace", settings["sasl.username"]);
            Assert.Equal("kafka-secret", settings["sasl.password"]);
            Assert.Equal(ca, settings["ssl.ca.location"]);
            Assert.Equal("none", settings["ssl.endpoint.identification.algorithm"]);
        }

        File.Delete(ca);
    }

    [Fact]
    public async Task librdkafka_receives_them_a_missing_ca_file_fails_the_client()
    {
        await using var api = new ConfiguredApiFactory(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:SecurityProtocol"] = "Ssl",
            ["Kafka:SslCaLocation"] = "/nonexistent/kafka-ca.pem",
            ["Kafka:ConsumerEnabled"] = "false",
            ["Cache:RepairConsumerEnabled"] = "false",
        });
        await api.InitializeAsync();
        var cluster = api.Services.GetRequiredService<KafkaCluster>();

        var error = Assert.Throws<InvalidOperationException>(() => new ProducerBuilder<string, byte[]>(cluster.Configure(new ProducerConfig())).Build());

        Assert.Contains("ssl.ca.location", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SaslSsl", null, "marketplace", "secret", null, "Kafka:SaslMechanism")]
    [InlineData("SaslPlaintext", "Plain", null, null, null, "Kafka:SaslUsername")]
    [InlineData("Plaintext", "Plain", "marketplace", "secret", null, "Kafka:SecurityProtocol")]
    [InlineData("SaslPlaintext", "ScramSha256", "marketplace", "secret", "/etc/ssl/ca.pem", "Kafka:Ssl")]
    public async Task Inconsistent_security_settings_fail_start_up_naming_them(
        string protocol, string? mechanism, string? user, string? password, string? ca, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:SecurityProtocol"] = protocol,
            ["Kafka:SaslMechanism"] = mechanism,
            ["Kafka:SaslUsername"] = user,
            ["Kafka:SaslPassword"] = password,
            ["Kafka:SslCaLocation"] = ca,
        };

        var error = await MisconfiguredStart.StartFailureAsync(() => new ConfiguredApiFactory(settings));

        Assert.Contains(named, Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_settings_without_brokers_fail_start_up()
    {
        var error = await MisconfiguredStart.StartFailureAsync(() => new ConfiguredApiFactory(new Dictionary<string, string?>
        {
            ["Kafka:SecurityProtocol"] = "Ssl",
        }));

        Assert.Contains("Kafka:BootstrapServers", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }
}
