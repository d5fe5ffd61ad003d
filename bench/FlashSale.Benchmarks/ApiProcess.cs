using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace FlashSale.Benchmarks;

/// <summary>
/// The marketplace API as its own process (<see cref="ServedApi"/>, with the bench endpoints): real Kestrel on a free
/// loopback port, configured through environment variables, stopped (killed with its tree) on dispose. Its output goes
/// to a log file.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApiProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ApiProcess> StartAsync(string apiAssembly, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        // This executable again, serving the API (ServedApi) from the API's folder (its content root and settings).
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiAssembly)!,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        info.ArgumentList.Add(ServedApi.Verb);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString());
        info.ArgumentList.Add("--applicationName");
        info.ArgumentList.Add(Path.GetFileNameWithoutExtension(apiAssembly));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(BenchHostingStartup).Assembly.GetName().Name;

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the API");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, log, address);

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode}; see {logPath}");
            }

            try
            {
                if ((await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await api.DisposeAsync();
                throw new TimeoutException($"The API was not ready within 90 s; see {logPath}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
