namespace Marketplace.Tests.Payments;

/// <summary>Whether the gateway is reachable from the marketplace; <see cref="GatewaySwitch"/> reads it on every call.</summary>
public sealed class GatewayState
{
    private volatile bool _down;
    private int _calls;

    public bool IsDown => _down;

    /// <summary>Gateway calls the marketplace made, reachable or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Down() => _down = true;

    public void Up() => _down = false;

    internal void Called() => Interlocked.Increment(ref _calls);
}
