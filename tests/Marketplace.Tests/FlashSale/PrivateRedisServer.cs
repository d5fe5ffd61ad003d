using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// A redis-server of this test's own (free loopback port, own data folder, AOF with
/// appendfsync everysec), so a test can shut it down and start it again without disturbing tests
/// that share the common Redis.
/// </summary>
public sealed class PrivateRedisServer : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flash-redis-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public PrivateRedisServer()
    {
        Port = FreePort();
        Directory.CreateDirectory(_dir);
        Start();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _dir, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
            "--daemonize", "no", "--logfile", Path.Combine(_dir, "redis.log"),
        })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Send("PING") != "+PONG")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on {Port} did not answer; see {_dir}/redis.log");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>SHUTDOWN (AOF is flushed and fsynced first), then wait for the process to exit.</summary>
    public void Shutdown()
    {
        _ = Send("SHUTDOWN");
        if (_process is { } process && !process.WaitForExit(10_000))
        {
            throw new InvalidOperationException("redis-server did not shut down");
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _ = Send("SHUTDOWN NOSAVE");
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory.
        }
    }

    // Inline commands over a raw socket: enough for PING and SHUTDOWN without a client library.
    private string? Send(string command)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 2000;
            stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[256];
            var read = stream.Read(buffer);
            return read <= 0 ? null : Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
