namespace Moderation.Inference.Tests;

/// <summary>One service on one bundle, shared by the tests that only read from it.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private InferenceServer? _server;

    internal InferenceServer Server => _server ?? throw new InvalidOperationException("not started");

    internal string Bundle { get; } = TestBundles.MeanPool(seed: 1);

    public async ValueTask InitializeAsync() =>
        _server = await InferenceServer.StartAsync(Bundle, ("QueueCapacity", "100000"), ("MaxItems", "64"));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
