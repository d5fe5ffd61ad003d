using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Inference.Benchmarks;

/// <summary>
/// The real service in its own process (<c>dotnet Moderation.Inference.dll --bundle … --urls …</c>, the build this
/// benchmark references), so its CPU time can be read apart from the load generator's.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServiceHost> StartAsync(string bundle, int maxBatch)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Moderation.Inference.dll"), "--bundle", bundle, "--urls", $"http://127.0.0.1:{port}",
            "--Logging:LogLevel:Default", "Warning", "--Inference:QueueCapacity", "100000",
            "--Inference:MaxBatch", maxBatch.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the service");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new ServiceHost(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = host.Address };
        for (var i = 0; i < 1200; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with code {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("the service did not become ready");
    }

    /// <summary>CPU time (user + system) the service process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Sum and count of the batch-size histogram, from /metrics.</summary>
    public async Task<(double Sum, double Count)> BatchSizesAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        var text = await http.GetStringAsync("metrics");
        double Read(string name) => text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).Sum();
        return (Read("moderation_batch_size_sum"), Read("moderation_batch_size_count"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
