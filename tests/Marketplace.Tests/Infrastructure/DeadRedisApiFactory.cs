using System.Net;
using System.Net.Sockets;

namespace Marketplace.Tests.Infrastructure;

/// <summary>The API with Redis pointed at a loopback port nothing listens on.</summary>
public sealed class DeadRedisApiFactory : MarketplaceApiFactory
{
    private static readonly int DeadPort = FreePort();

    protected override string RedisConnectionString => $"127.0.0.1:{DeadPort}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
