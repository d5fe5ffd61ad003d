using System.Net;
using System.Net.Sockets;

namespace EndToEnd.Tests.Harness;

/// <summary>A loopback port nobody listens on now, for a child process to bind (and bind again after a restart).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static Uri Url() => new($"http://127.0.0.1:{Next()}");
}
