using System.Diagnostics;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// One service as a real child process: <c>dotnet &lt;assembly&gt; --urls URL --Key value ...</c> from the assembly's
/// build folder (its content root, so its appsettings apply), stdout and stderr captured, started until its
/// readiness path answers 200. It can be stopped gracefully (SIGTERM), crashed (SIGKILL, whole tree) and
/// started again on the same URL with the same settings.
/// </summary>
internal sealed class ServiceProcess(string name, string assemblyPath, Uri url, string readyPath) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private Process? _process;
    private int _generation;

    public string Name { get; } = name;

    public Uri Url { get; } = url;

    public ProcessLog Log { get; } = new(name);

    /// <summary>Arguments before the settings (e.g. the inference service's <c>--bundle DIR</c>).</summary>
    public List<string> LeadingArguments { get; } = [];

    /// <summary>Configuration keys passed as <c>--Key value</c>; read at every start, so a restart may change them.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public bool IsRunning => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        var generation = ++_generation;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in LeadingArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        foreach (var (key, value) in Settings)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The runner's own settings must not leak into the service; the arguments above say everything.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("ConnectionStrings__Redis");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Log.Add("out", generation, e.Data);
        process.ErrorDataReceived += (_, e) => Log.Add("err", generation, e.Data);
        process.Start();
        LiveChildProcesses.Add(process);
        process.Exited += (_, _) => LiveChildProcesses.Remove(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitReadyAsync(process, cancellationToken);
    }

    /// <summary>Graceful stop: SIGTERM, then SIGKILL if it has not exited in time.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        PosixSignals.Terminate(process.Id);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Log.Add("harness", _generation, $"did not stop within {StopTimeout.TotalSeconds:0}s of SIGTERM; killing");
            await CrashAsync();
        }
    }

    /// <summary>A crash: SIGKILL to the process and its children, no shutdown code runs.</summary>
    public async Task CrashAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        _process?.Dispose();
    }

    private async Task WaitReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} while starting:\n{Log.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(readyPath, UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer (start-up work on a busy machine).
            }

            await Task.Delay(100, cancellationToken);
        }

        await CrashAsync();
        throw new TimeoutException($"{Name} did not answer {readyPath} within {StartTimeout.TotalSeconds:0}s:\n{Log.Tail()}");
    }
}
