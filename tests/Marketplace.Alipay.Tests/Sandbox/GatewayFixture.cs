namespace Marketplace.Tests.Payments.Alipay.Sandbox;

/// <summary>One sandbox shared by the gateway tests (each test uses its own out_trade_no).</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public SandboxHost Host { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Host = new SandboxHost();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
    }
}
