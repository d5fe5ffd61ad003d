using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.ScaleOut;

/// <summary>Three marketplace instances behind the gateway, sharing PostgreSQL, Redis and one mock Kafka host.</summary>
public sealed class ScaleOutPlatform : IAsyncLifetime
{
    public const int InstanceCount = 3;

    internal Platform Platform { get; } = new(InstanceCount);

    public ValueTask InitializeAsync() => Platform.InitializeAsync();

    public ValueTask DisposeAsync() => Platform.DisposeAsync();
}
