using Confluent.Kafka;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// librdkafka's mock cluster owned by the test, not by an API host: it outlives any host the test
/// stops or replaces, as a real Kafka would.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IAdminClient _host;

    public MockKafkaCluster(int brokers = 3)
    {
        var config = new AdminClientConfig();
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _host = new AdminClientBuilder(config).Build();
        BootstrapServers = string.Join(',', _host.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    public void Dispose() => _host.Dispose();
}
