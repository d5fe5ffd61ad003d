using System.Diagnostics;
using System.Net;

namespace FlashSale.Benchmarks;

/// <summary>
/// A process the benchmarks start (the API, the gateway, the shared mock-Kafka host): output to a log file, ready when a
/// URL answers 200 or a file appears, killed with its tree on dispose.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary><c>dotnet &lt;dll&gt; arguments</c> from the dll's folder, with <paramref name="environment"/> added.</summary>
    public static Task<ChildProcess> StartAsync(
        string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath,
        Uri? readyUrl = null, string? readyFile = null)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return StartAsync(info, Path.GetFileName(dll), logPath, readyUrl, readyFile);
    }

    public static async Task<ChildProcess> StartAsync(ProcessStartInfo info, string name, string logPath, Uri? readyUrl = null, string? readyFile = null)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process, log);

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}; see {logPath}");
            }

            if (readyFile is not null && File.Exists(readyFile))
            {
                return child;
            }

            if (readyUrl is not null)
            {
                try
                {
                    if ((await probe.GetAsync(readyUrl)).StatusCode == HttpStatusCode.OK)
                    {
                        return child;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                await child.DisposeAsync();
                throw new TimeoutException($"{name} was not ready within 90 s; see {logPath}");
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
