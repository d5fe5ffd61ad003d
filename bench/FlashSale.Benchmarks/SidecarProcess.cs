using System.Diagnostics;
using System.Net;

namespace FlashSale.Benchmarks;

/// <summary>
/// <c>dotnet &lt;dll&gt; args</c> beside the API processes (the gateway, the shared mock-Kafka host), output to a log
/// file, ready when <c>readyz</c> answers 200 or a file appears; killed with its tree on dispose.
/// </summary>
public sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SidecarProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public static async Task<SidecarProcess> StartAsync(
        string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath,
        Uri? readyUrl = null, string? readyFile = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sidecar = new SidecarProcess(process, log);

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode}; see {logPath}");
            }

            if (readyFile is not null && File.Exists(readyFile))
            {
                return sidecar;
            }

            if (readyUrl is not null)
            {
                try
                {
                    if ((await probe.GetAsync(readyUrl)).StatusCode == HttpStatusCode.OK)
                    {
                        return sidecar;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                await sidecar.DisposeAsync();
                throw new TimeoutException($"{Path.GetFileName(dll)} was not ready within 90 s; see {logPath}");
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
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
