using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// A Redis Cluster of this test's own: six Debian redis-server processes (three primaries, three replicas) on free
/// loopback ports, formed with <c>redis-cli --cluster create</c>, so a test can kill a primary and watch a replica
/// take over without touching the shared Redis. Node timeout 1 s, so a failover takes seconds; a replica promotes whatever
/// its data's age (validity factor 0), since a loaded CI machine can stall a replication link past the default limit.
/// </summary>
public sealed class PrivateRedisCluster : IDisposable
{
    private const int Nodes = 6;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flash-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<int, Process> _processes = [];

    public PrivateRedisCluster()
    {
        var ports = new List<int>();
        Ports = ports;
        try
        {
            Form(ports);
        }
        catch
        {
            // A fixture whose constructor throws is never disposed: stop the nodes started so far.
            Dispose();
            throw;
        }
    }

    private void Form(List<int> ports)
    {
        for (var i = 0; i < Nodes; i++)
        {
            ports.Add(StartNodeOnFreePorts());
        }

        var create = RedisCli(["--cluster", "create", .. Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "1", "--cluster-yes"]);
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {create.Output}");
        }

        WaitUntilHealthy(TimeSpan.FromSeconds(60));
        WaitUntilReplicasSynced(TimeSpan.FromSeconds(60));
    }

    public IReadOnlyList<int> Ports { get; }

    /// <summary>Every node, as StackExchange.Redis takes a cluster: it learns the rest of the topology from CLUSTER NODES.</summary>
    public string ConnectionString => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}"));

    /// <summary>The port of the primary serving <paramref name="key"/>'s slot.</summary>
    public int PrimaryFor(string key)
    {
        var slot = int.Parse(Cli(LivePort(), "CLUSTER", "KEYSLOT", key).Trim(), CultureInfo.InvariantCulture);
        foreach (var line in Cli(LivePort(), "CLUSTER", "NODES").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // <id> <ip:port@bus> <flags> <primary> <ping> <pong> <epoch> <link> <slot ranges…>
            var fields = line.Split(' ');
            if (!fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var bounds = range.Split('-');
                var (low, high) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture));
                if (slot >= low && slot <= high)
                {
                    return int.Parse(fields[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException($"no primary serves slot {slot}");
    }

    /// <summary>Kills a node as a crash would (SIGKILL: no AOF flush, no goodbye to the cluster).</summary>
    public void Kill(int port)
    {
        var process = _processes[port];
        process.Kill();
        process.WaitForExit(10_000);
        process.Dispose();
        _processes.Remove(port);
    }

    /// <summary>Waits until every live node reports cluster_state:ok (after a kill: once a replica was promoted).</summary>
    public void WaitUntilHealthy(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_processes.Keys.All(p => Cli(p, "CLUSTER", "INFO").Contains("cluster_state:ok", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the cluster did not become healthy within {timeout}; logs in {_dir}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>
    /// Waits until every replica has its link to its primary up: a kill before the first sync would leave a replica
    /// with nothing to promote, and a test would wait for a failover that cannot come.
    /// </summary>
    private void WaitUntilReplicasSynced(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        bool Synced(int port)
        {
            var replication = Cli(port, "INFO", "replication");
            return replication.Contains("role:master", StringComparison.Ordinal)
                || replication.Contains("master_link_status:up", StringComparison.Ordinal);
        }

        while (!_processes.Keys.All(Synced))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the replicas did not sync within {timeout}; logs in {_dir}");
            }

            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        foreach (var port in _processes.Keys.ToList())
        {
            StopNode(port);
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory.
        }
    }

    /// <summary>
    /// A port found free can be taken by another process (an outgoing connection's ephemeral port) before redis-server
    /// binds it; the node then exits at once. Such a start is retried on fresh ports rather than failing the fixture.
    /// </summary>
    private int StartNodeOnFreePorts()
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(2);
            try
            {
                StartNode(ports[0], ports[1]);
                return ports[0];
            }
            catch (InvalidOperationException) when (attempt < attempts)
            {
                StopNode(ports[0]);
            }
        }
    }

    private void StopNode(int port)
    {
        if (_processes.Remove(port, out var process))
        {
            try
            {
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }

    private void StartNode(int port, int busPort)
    {
        var dir = Path.Combine(_dir, port.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--cluster-port", busPort.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(dir, "nodes.conf"),
            "--cluster-node-timeout", "1000", "--cluster-replica-validity-factor", "0", "--dir", dir, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
            "--daemonize", "no", "--logfile", Path.Combine(dir, "redis.log"),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _processes[port] = process;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Cli(port, "PING").Trim() != "PONG")
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(dir, "redis.log")) ? File.ReadLines(Path.Combine(dir, "redis.log")).LastOrDefault() : null;
                throw new InvalidOperationException($"redis-server on {port} did not answer ({(process.HasExited ? "exited" : "timed out")}: {log}); see {dir}/redis.log");
            }

            Thread.Sleep(50);
        }
    }

    private int LivePort() => _processes.Keys.First();

    private static string Cli(int port, params string[] command) =>
        RedisCli(["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. command]).Output;

    private static (int ExitCode, string Output) RedisCli(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("redis-cli") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException("redis-cli " + string.Join(' ', info.ArgumentList));
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    // Distinct free ports, each held until all are chosen so none is handed out twice.
    private static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
